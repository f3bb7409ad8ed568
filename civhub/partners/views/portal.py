"""The partner portal (being built)."""
