"""Judging one typed answer: text normalisation, keyword matching, credit rules, delivery and STAR structure."""
