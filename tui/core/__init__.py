"""The UI-free core of ragft: content, decision engine, sessions and export.

Nothing in this package may import Textual; `ragft decide`, `list` and `export`
run on it alone (tests/core/test_import_hygiene.py keeps that true).
"""
