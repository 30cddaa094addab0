"""Models: the model protocol, ``--model`` specs, the baseline registry and training protocols."""
