"""Extraction baselines; resolved by name through :mod:`actorstance.extraction.registry`."""
