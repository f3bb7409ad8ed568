"""The pages of the Human Capital Agenda, one module per part: setup (the office's occupations and programmes)."""
