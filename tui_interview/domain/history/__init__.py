"""Every saved session over time: the history index, trends, and the spaced-review schedule."""
