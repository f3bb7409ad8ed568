"""The forms of the Human Capital Agenda, one module per part: setup (occupations, programmes)."""
