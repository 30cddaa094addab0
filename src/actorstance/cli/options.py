"""Options several commands share, defined once: ``--dataset``, ``--config``, ``--split``, ``--train``."""

from __future__ import annotations

from pathlib import Path

import click

from actorstance.cli.params import TRAIN_SPEC
from actorstance.labels import CONFIG_LABELS
from actorstance.layout import DEFAULT_DATASET


def dataset_option(help: str = "Built dataset folder."):
    """``--dataset DIR``: one built dataset folder (default :data:`~actorstance.layout.DEFAULT_DATASET`)."""
    return click.option("--dataset", "dataset", default=DEFAULT_DATASET, show_default=True,
                        type=click.Path(file_okay=False, path_type=Path), help=help)


def config_option(help: str):
    """``--config``: one of the dataset's configs (default ``pairs``)."""
    return click.option("--config", default="pairs", show_default=True, type=click.Choice(sorted(CONFIG_LABELS)),
                        help=help)


def split_option(help: str):
    """``--split``: a split name (default ``test``)."""
    return click.option("--split", default="test", show_default=True, help=help)


#: ``--train DATASET[:CONFIG:SPLIT]``: training data for a ``--model``.
train_option = click.option(
    "--train", "train", type=TRAIN_SPEC,
    help="Fit the --model on this data instead (default: the dataset's train split, or "
         "cross-validation when scoring the train split or there is none).")
