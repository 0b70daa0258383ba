"""What gets asked: the seeded draw of a loop and the selection of practice questions."""
