"""The practorate's state changes: questions and their triage, projects and outputs, public summaries."""
