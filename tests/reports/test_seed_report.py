"""The committed benchmarks/seed/ report must be what `actorstance benchmark` makes from data/dataset/.

results.json and report.md are compared exactly (only the recorded library versions may differ).
Plots and network files are compared byte for byte when matplotlib and networkx have the versions
recorded in results.json (rendering is deterministic: same versions, same bytes); with other
versions only their presence is checked.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib.metadata import version

import pytest

from actorstance.reports.benchmark import run_benchmark
from actorstance.reports.render import write_benchmark
from tests.conftest import REPO

COMMITTED = REPO / "benchmarks" / "seed"
REGENERATE = ("Fix: regenerate it from the repository root with `SOURCE_DATE_EPOCH={epoch} actorstance benchmark "
              "--dataset data/dataset --output benchmarks/seed` (see docs/benchmark.md) and commit the result.")


def without_versions(results: dict) -> dict:
    results = json.loads(json.dumps(results))
    results.pop("rendered_with")
    for dataset in results["datasets"]:
        for model in dataset["models"]:
            model["result"].pop("versions")
    return results


def files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow
def test_committed_seed_report_is_current(tmp_path, monkeypatch):
    committed = json.loads((COMMITTED / "results.json").read_text(encoding="utf-8"))
    created = datetime.strptime(committed["created"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    epoch = str(int(created.timestamp()))
    fix = REGENERATE.format(epoch=epoch)
    monkeypatch.chdir(REPO)  # the report records the dataset path as given: data/dataset
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    settings = committed["settings"]
    fresh = run_benchmark([d["path"] for d in committed["datasets"]], n_resamples=settings["n_resamples"],
                          seed=settings["seed"])
    write_benchmark(fresh, tmp_path / "seed")
    regenerated = json.loads((tmp_path / "seed" / "results.json").read_text(encoding="utf-8"))

    assert without_versions(regenerated) == without_versions(committed), f"benchmarks/seed/results.json is stale. {fix}"
    assert files(tmp_path / "seed") == files(COMMITTED), fix
    assert (tmp_path / "seed" / "report.md").read_text(encoding="utf-8") == \
        (COMMITTED / "report.md").read_text(encoding="utf-8"), f"benchmarks/seed/report.md is stale. {fix}"
    if committed["rendered_with"] == {name: version(name) for name in ("matplotlib", "networkx")}:
        stale = [rel for rel in files(COMMITTED) if rel not in ("results.json", "report.md")
                 and (COMMITTED / rel).read_bytes() != (tmp_path / "seed" / rel).read_bytes()]
        assert not stale, f"benchmarks/seed: {', '.join(stale)} differ. {fix}"


def test_readme_links_the_seed_report():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "[benchmarks/seed/report.md](benchmarks/seed/report.md)" in readme
    assert (COMMITTED / "report.md").is_file()
