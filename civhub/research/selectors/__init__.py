"""The practorate's reads: lists with their counts, a project's page, the public results and the dashboard card."""
