"""What the candidate reads: the report model, feedback sentences and the Markdown, HTML and JSON exports."""
