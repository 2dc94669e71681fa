"""Keeping: sessions, their files and folder, the config file, safe writes."""
