"""The pages of the Human Capital Agenda, one module per part: setup (the office's occupations and programmes),
survey (the yearly workforce survey: the partner's answers, the office's rounds)."""
