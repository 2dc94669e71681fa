"""The content reader, one module per content file (or family of files)."""
