"""Saying: the result in sentences and sections, drawn with rich or as Markdown."""
