"""Helpers shared by the tests, the benchmarks and screenshots/generate.py
(run from the repository's root as modules: python -m benchmarks.run_all)."""
