"""Deciding: the engine, the published precedents, the cost model and the test plan."""
