"""Whatever an export holds, a tool import ends in a written folder or an ImportFormatError — never a traceback."""

from __future__ import annotations

import copy
import itertools
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorstance.errors import ImportFormatError
from actorstance.importers.brat import import_brat
from actorstance.importers.doccano import import_doccano
from actorstance.importers.label_studio import import_label_studio
from tests.importers.tool_fixtures import TOOLS

JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False),
                        st.text(max_size=12), st.sampled_from(["person", "evidence", "positive", "left", "bi",
                                                               "same-actor", "negative+implied", "😀"]),
                        st.lists(st.sampled_from(["positive", "implied", "person", None, 3]), max_size=3),
                        st.just({}), st.just([]))
LS_EXPORT = json.loads((TOOLS / "label-studio-export.json").read_text(encoding="utf-8"))
DOCCANO_LINE = json.loads((TOOLS / "doccano" / "alice.jsonl").read_text(encoding="utf-8"))
BRAT_LINES = (TOOLS / "brat" / "alice" / "berg_holm.ann").read_text(encoding="utf-8").splitlines()
RELAXED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_counter = itertools.count()


def _paths(value, path=()):
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, (*path, key))


def _mutated(record, picks, values):
    record = copy.deepcopy(record)
    paths = list(_paths(record))[1:]
    for pick, value in zip(picks, values):
        *parents, last = paths[pick % len(paths)]
        target = record
        try:
            for key in parents:
                target = target[key]
            target[last] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed that place
    return record


def _ends_cleanly(run) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"robust{next(_counter)}-"))
    try:
        run(folder)
    except ImportFormatError as err:
        assert err.problems and all(p.fix for p in err.problems)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@RELAXED
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=3), st.lists(JSON_VALUES, min_size=3, max_size=3))
def test_label_studio_export_with_any_value_anywhere(picks, values):
    def run(folder):
        (folder / "export.json").write_text(json.dumps(_mutated(LS_EXPORT, picks, values)), encoding="utf-8")
        import_label_studio(folder / "export.json", folder / "out")
    _ends_cleanly(run)


@RELAXED
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=3), st.lists(JSON_VALUES, min_size=3, max_size=3))
def test_doccano_line_with_any_value_anywhere(picks, values):
    def run(folder):
        (folder / "alice.jsonl").write_text(json.dumps(_mutated(DOCCANO_LINE, picks, values)) + "\n", encoding="utf-8")
        import_doccano(folder / "alice.jsonl", folder / "out")
    _ends_cleanly(run)


@RELAXED
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6),
                          st.sampled_from(["T1", "R1", "A1", "#1", "*", "E1", "", "\t", "person", "Equiv", "Implied",
                                           "Arg1:T1", "Arg2:R1", "0", "-3", "999", "15 24;30", "AnnotatorNotes"])),
                min_size=1, max_size=3))
def test_brat_lines_with_any_token_anywhere(changes):
    def run(folder):
        lines = list(BRAT_LINES)
        for line, token, new in changes:
            parts = lines[line % len(lines)].split(" ")
            parts[token % len(parts)] = new
            lines[line % len(lines)] = " ".join(parts)
        (folder / "alice").mkdir()
        shutil.copy(TOOLS / "brat" / "alice" / "berg_holm.txt", folder / "alice" / "berg_holm.txt")
        (folder / "alice" / "berg_holm.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
        import_brat(folder, folder.parent / f"{folder.name}-out")
        shutil.rmtree(folder.parent / f"{folder.name}-out", ignore_errors=True)
    _ends_cleanly(run)
