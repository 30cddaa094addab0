"""PNG plots: valid, free of version metadata, byte-identical across runs and processes."""

from __future__ import annotations

import os
import subprocess
import sys

from actorstance.reports.network import stance_network
from actorstance.reports.plots import circle_layout, confusion_png, network_png, networks_png, per_class_f1_png
from tests.conftest import REPO
from tests.reports.test_network import ROWS

LABELS = ["positive", "negative", "neutral"]


def draw_all(folder):
    gold = stance_network(ROWS)
    predicted = stance_network(ROWS, predictions={"d/a->b": "negative", "d/b->c": "neutral"}, name="m")
    per_class_f1_png(folder / "f1.png", labels=LABELS, title="t $x$ <y>", models=[
        ("a|b", {"positive": {"value": 0.5, "ci_low": 0.25, "ci_high": 0.75}, "negative": {"value": None}}),
        ("c", {"positive": {"value": 1.0, "ci_low": None, "ci_high": None}})])
    confusion_png(folder / "cm.png", labels=LABELS, columns=[*LABELS, "(abstained)"], title="t",
                  matrices=[("a", [[1, 0, 0, 1], [0, 2, 0, 0], [0, 0, 0, 0]])] * 4)
    network_png(gold, folder / "net.png")
    networks_png(folder / "nets.png", [("gold", gold), ("m", predicted)])
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_plots_are_deterministic_pngs_without_software_tag(tmp_path):
    """Same bytes from another process with another hash seed (so no set or dict order leaks in)."""
    here = draw_all(tmp_path)
    assert sorted(here) == ["cm.png", "f1.png", "net.png", "nets.png"]
    for data in here.values():
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in data and b"matplotlib" not in data.lower()
    (tmp_path / "other").mkdir()
    code = ("import sys; from pathlib import Path; from tests.reports.test_plots import draw_all; "
            "draw_all(Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "other")], check=True, cwd=REPO,
                   env={**os.environ, "PYTHONHASHSEED": "123"})
    assert {p.name: p.read_bytes() for p in sorted((tmp_path / "other").iterdir())} == here


def test_circle_layout_is_ordered_by_type_then_name():
    pos = circle_layout(stance_network(ROWS))
    assert list(pos) == ["c", "a", "b"]  # organisation before person; then by name
    assert pos["c"] == (6.123233995736766e-17, 1.0)  # first actor at the top
