"""ragft: choose between prompting, RAG, fine-tuning or a hybrid, in a terminal wizard."""

__version__ = "0.1.0"
