"""Every write of the learning app: courses and offerings, interest and enrolment, learning paths."""
