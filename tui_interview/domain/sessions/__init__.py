"""A session being played and saved: its records, the store, the clock, the live run and follow-up probing."""
