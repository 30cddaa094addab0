"""``actorstance agree``."""

from tests.agreement.conftest import folders  # noqa: F401  (fixture)
from tests.agreement.test_measure import TWO
from tests.conftest import error, invoke


def test_agree_prints_the_figures_and_writes_the_files(folders, tmp_path):
    a, b = folders(**TWO)
    result = invoke("agree", a, b, "--output", tmp_path / "report")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2 documents compared across 2 folders"
    assert lines[1].startswith("pair identification: F1 0.727")
    assert lines[4] == "5 disagreements"
    assert lines[5:] == [f"wrote {tmp_path / 'report' / name}"
                         for name in ("agreement.json", "agreement.md", "disagreements.jsonl")]


def test_agree_needs_two_folders_and_shared_documents(folders):
    a, b = folders(alice={"d1": [("ann", "bob", "positive")]}, bob={"d2": [("ann", "bob", "positive")]})
    assert invoke("agree", a).exit_code == 2
    assert error(invoke("agree", a, b)) == (
        f"Error: 1 problem in the agreement study:\n  {a}, {b}: no document is in two of the folders. Fix: compare "
        "folders that annotate the same documents (same doc ids).\n")
