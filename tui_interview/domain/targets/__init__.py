"""Target companies: the research a candidate does before an interview, and what the app does with it.

``profile`` reads and writes one TOML file per target and remembers which one is active, ``stack`` matches a
target's tools to the pack's question tags (so the draw can prefer them), and ``tailoring`` says whether a
"why this company, why this role" answer refers to the research or falls back on generic praise.
"""
