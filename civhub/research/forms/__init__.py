"""The practorate's forms: they check what people typed; the services check the rules."""
