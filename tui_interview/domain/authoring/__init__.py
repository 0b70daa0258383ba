"""Checks for pack authors (``bank lint``): keywords, prompts and facts that let answers game a question."""
