"""Every write of the Human Capital Agenda, one module per part: setup (occupations, programmes), survey (rounds
and answers). Each service is keyword-only, takes the acting user, runs in one transaction and records an audit
event in it (architecture.md)."""
