"""The command-line syntax of values, as click parameter types: parsed here, never in the library.

* ``DIR[:CONFIG:SPLIT]`` (``benchmark --dataset``) → :class:`actorstance.reports.benchmark.DatasetRef`
* ``DATASET[:CONFIG:SPLIT]`` (``--train``) → ``(folder, config or None, split)``
* ``NAME=FILE`` (``benchmark --predictions``) → ``(name, path)``

A value that does not parse is bad input: its message (what was expected, what came, the fix)
goes to stderr with exit code 1, as for every other :class:`~actorstance.errors.ActorstanceError`.
The parse functions are plain functions, so they are tested without click.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from actorstance.errors import ActorstanceError, TrainSpecError
from actorstance.labels import CONFIG_LABELS

_DATASET_FORM = "DIR or DIR:CONFIG:SPLIT, e.g. data/dataset or data/dataset:candidates:test"
_SPLIT_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


def parse_dataset_ref(text: str):
    """``DIR`` (config ``pairs``, split ``test``) or ``DIR:CONFIG:SPLIT``.

    >>> parse_dataset_ref("out/dataset:candidates:test")
    DatasetRef(folder=PosixPath('out/dataset'), config='candidates', split='test')
    """
    from actorstance.reports.benchmark import DatasetRef

    if ":" not in text:
        return DatasetRef(Path(text))
    parts = text.rsplit(":", 2)
    if len(parts) != 3 or not all(parts):
        raise ActorstanceError(f"--dataset {text!r}: expected {_DATASET_FORM}. Fix: give both CONFIG and SPLIT "
                               "after the folder, or neither")
    if parts[1] not in (*CONFIG_LABELS, "documents"):  # documents: benchmark --task extraction
        raise ActorstanceError(f"--dataset {text!r}: unknown config {parts[1]!r}. "
                               f"Fix: use one of {', '.join(sorted((*CONFIG_LABELS, 'documents')))}")
    return DatasetRef(Path(parts[0]), parts[1], parts[2])


def parse_train_spec(text: str) -> tuple[Path, str | None, str]:
    """Parse ``--train DATASET[:CONFIG:SPLIT]`` into ``(dataset folder, config, split)``.

    Without ``:CONFIG:SPLIT`` the config is ``None`` (use the evaluated config) and the split
    ``"train"``.

    >>> parse_train_spec("data/seesaw:pairs:train")
    (PosixPath('data/seesaw'), 'pairs', 'train')
    >>> parse_train_spec("data/seesaw")
    (PosixPath('data/seesaw'), None, 'train')
    """
    fix = "write DATASET or DATASET:CONFIG:SPLIT, e.g. data/seesaw:pairs:train"
    if not isinstance(text, str) or not text.strip():
        raise TrainSpecError(f"--train: expected a dataset folder, got {text!r}. Fix: {fix}")
    if ":" not in text:
        return Path(text), None, "train"
    parts = text.rsplit(":", 2)
    if len(parts) != 3 or not all(parts):
        raise TrainSpecError(f"--train {text!r}: expected DATASET or DATASET:CONFIG:SPLIT (both CONFIG and SPLIT "
                             f"after the folder). Fix: {fix}")
    path, config, split = parts
    if config not in (*CONFIG_LABELS, "documents"):  # documents: training data of --task extraction
        raise TrainSpecError(f"--train {text!r}: unknown config {config!r}. "
                             f"Fix: use one of {', '.join(sorted(CONFIG_LABELS))}")
    if not _SPLIT_NAME.match(split):
        raise TrainSpecError(f"--train {text!r}: split {split!r} is not a split name. "
                             "Fix: use letters, digits, '_', '-' or '.', e.g. train")
    return Path(path), config, split


def parse_named_file(text: str) -> tuple[str, Path]:
    """``NAME=FILE`` → ``(NAME, FILE)``.

    >>> parse_named_file("my-llm=preds.jsonl")
    ('my-llm', PosixPath('preds.jsonl'))
    """
    name, sep, path = text.partition("=")
    if not sep or not name.strip() or not path:
        raise ActorstanceError(f"--predictions {text!r}: expected NAME=FILE, e.g. my-model=preds.jsonl. "
                               "Fix: give the name to show in the report, '=', and the predictions file")
    return name.strip(), Path(path)


class _Syntax(click.ParamType):
    """A parameter type whose value a parse function turns into library data."""

    def __init__(self, name: str, parse):
        self.name = name
        self._parse = parse

    def convert(self, value, param, ctx):
        if not isinstance(value, str):  # already converted (a default, or a programmatic call)
            return value
        try:
            return self._parse(value)
        except ActorstanceError as err:
            raise click.ClickException(str(err)) from err


#: ``--dataset DIR[:CONFIG:SPLIT]`` → DatasetRef
DATASET_REF = _Syntax("DIR[:CONFIG:SPLIT]", parse_dataset_ref)
#: ``--train DATASET[:CONFIG:SPLIT]`` → (folder, config or None, split)
TRAIN_SPEC = _Syntax("DATASET[:CONFIG:SPLIT]", parse_train_spec)
#: ``--predictions NAME=FILE`` → (name, path)
NAMED_FILE = _Syntax("NAME=FILE", parse_named_file)


#: ``--seed``: what numpy and scikit-learn accept as a seed, checked by click (usage error, exit 2).
SEED = click.IntRange(0, 2**32 - 1)

#: Most ``--bootstrap`` resamples accepted: every resample keeps its confusion counts and metrics
#: (about 300 bytes per scored model), so 100,000 resamples hold ~30 MB per model.
MAX_RESAMPLES = 100_000

#: ``--bootstrap``: 0 (no intervals) to :data:`MAX_RESAMPLES`.
RESAMPLES = click.IntRange(0, MAX_RESAMPLES)
