"""The practorate's pages: questions and their triage, projects with outputs and summaries, the public results."""
