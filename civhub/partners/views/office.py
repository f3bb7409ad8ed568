"""The programme office (being built)."""
