"""Stance pairs → a Hugging Face dataset folder (parquet per config and split, plus dataset card)."""
