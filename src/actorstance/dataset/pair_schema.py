"""A pair config's features in the forms a built folder holds them, derived from the columns table
without importing ``datasets``.

``datasets`` takes about a second to import, longer than scoring a million predictions. Reading
a split only needs to know that the card and the parquet files declare the features our build
writes (:func:`actorstance.dataset.features.features_for`), and the pyarrow schema to apply.
Each form is derived here from :data:`actorstance.columns.COLUMN_TABLE` and the card's label
names; ``tests/dataset/test_pair_schema.py`` checks every form against ``datasets``' own
rendering of ``features_for(config)``. A folder whose card or parquet files say anything else is
read through ``datasets`` (:mod:`actorstance.dataset.load`), which judges it.
"""

from __future__ import annotations

from typing import Sequence

from actorstance.columns import COLUMN_TABLE


def _value(dtype: str) -> dict:
    return {"dtype": dtype, "_type": "Value"}


_SPAN_FIELDS = (("start", "int32"), ("end", "int32"))


def card_form(label_names: Sequence[str]) -> list[dict]:
    """The card's ``dataset_info.features`` of a pair config, as YAML parses it back."""
    yaml_form = {
        "string": lambda: {"dtype": "string"}, "optional string": lambda: {"dtype": "string"},
        "int32": lambda: {"dtype": "int32"}, "optional bool": lambda: {"dtype": "bool"},
        "strings": lambda: {"list": "string"},
        "spans": lambda: {"list": [{"name": name, "dtype": dtype} for name, dtype in _SPAN_FIELDS]},
        "label": lambda: {"dtype": {"class_label": {"names": {str(i): name for i, name in enumerate(label_names)}}}},
    }
    return [{"name": c.name, **yaml_form[c.type]()} for c in COLUMN_TABLE]


def parquet_form(label_names: Sequence[str]) -> dict:
    """The ``features`` of a pair parquet file's ``huggingface`` schema metadata (``Features.to_dict()``)."""
    dict_form = {
        "string": lambda: _value("string"), "optional string": lambda: _value("string"),
        "int32": lambda: _value("int32"), "optional bool": lambda: _value("bool"),
        "strings": lambda: {"feature": _value("string"), "_type": "List"},
        "spans": lambda: {"feature": {name: _value(dtype) for name, dtype in _SPAN_FIELDS}, "_type": "List"},
        "label": lambda: {"names": list(label_names), "_type": "ClassLabel"},
    }
    return {c.name: dict_form[c.type]() for c in COLUMN_TABLE}


def arrow_schema():
    """The pyarrow schema of a pair config's rows (``Features.arrow_schema`` without its metadata);
    ``label`` holds the ClassLabel code."""
    import pyarrow as pa

    arrow_type = {
        "string": pa.string, "optional string": pa.string, "int32": pa.int32, "optional bool": pa.bool_,
        "strings": lambda: pa.list_(pa.string()),
        "spans": lambda: pa.list_(pa.struct([(name, getattr(pa, dtype)()) for name, dtype in _SPAN_FIELDS])),
        "label": pa.int64,
    }
    return pa.schema([(c.name, arrow_type[c.type]()) for c in COLUMN_TABLE])


def label_names_if_ours(features) -> list[str] | None:
    """The label names of a card's ``features`` list when it is exactly the list a pair config's
    card is built with (:func:`card_form`); ``None`` otherwise."""
    try:
        label = next(f for f in features if f["name"] == "label")
        names = label["dtype"]["class_label"]["names"]
        label_names = [names[str(i)] for i in range(len(names))]
    except (TypeError, KeyError, StopIteration):
        return None
    if not all(isinstance(name, str) for name in label_names) or len(set(label_names)) != len(label_names):
        return None
    return label_names if features == card_form(label_names) else None
