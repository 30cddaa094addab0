"""report.md: data-borne text renders as text; every number comes from results.json."""

from __future__ import annotations

import html
import re

from hypothesis import given, strategies as st

from actorstance.reports.markdown import code, escape, render_report
from actorstance.reports.results import BenchmarkResult
from tests.conftest import FIXTURES

HAND_WRITTEN = FIXTURES / "reports" / "results.json"
#: Characters that, unescaped, would change how GitHub renders a table cell.
ACTIVE = set("\\`*_[]|~$#!<>&")


def unescape(markdown: str) -> str:
    """What a CommonMark renderer shows for escaped inline text: backslash escapes and entities resolved."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown))


def unescaped_active(markdown: str) -> list[str]:
    """Active characters not neutralised by a preceding backslash (entities are already plain)."""
    found, i = [], 0
    while i < len(markdown):
        ch = markdown[i]
        if ch == "\\" and i + 1 < len(markdown):
            i += 2
            continue
        if ch == "&" and re.match(r"&(amp|lt|gt|quot);", markdown[i:]):
            i += 1
            continue
        if ch in ACTIVE:
            found.append(ch)
        i += 1
    return found


def test_escape_examples():
    assert escape("A|B") == "A\\|B"
    assert escape("*bold*") == "\\*bold\\*"
    assert escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("snake_case_party") == "snake\\_case\\_party"
    assert escape("- Front") == "\\- Front"  # not a list item
    assert escape("1. Mai") == "1\\. Mai"  # not a numbered list
    assert escape("two\nlines") == "two lines"  # a newline would end the table row
    assert escape("Lukashenko") == "Lukashenko"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40))
def test_escape_round_trips_and_leaves_nothing_active(text):
    rendered = escape(text)
    assert unescape(rendered) == " ".join(text.split())
    assert unescaped_active(rendered) == []
    assert "\n" not in rendered


def test_code_survives_backticks_and_pipes():
    assert code("positive") == "`positive`"
    assert code("a`b") == "``a`b``"
    assert code("`x") == "`` `x ``"
    assert code("a|b") == "`a\\|b`"


def test_report_from_a_hand_written_result_uses_its_numbers():
    result = BenchmarkResult.read(HAND_WRITTEN)
    report = render_report(result, files={})
    # Invented numbers that no recomputation from the predictions would give: shown as written.
    assert "| 1 | **my\\|model \\*v2\\* &lt;b&gt;** | 0.123 [0.011, 0.222] | 0.456 [0.333, 0.555] | " \
           "0.789 [0.666, 0.888] | 3 | 0 | predictions file |" in report
    assert "| baseline:majority | -0.024 [-0.313, +0.212] | 0.457 | — | -0.391 [-0.700, -0.100] | 0.012 | — | " \
           "-0.757 [-0.900, -0.500] | < 0.001 | — |" in report  # a file without p_holm: undefined
    assert "| baseline:majority | 0.111 [0.010, 0.404] | 0.111 [0.010, 0.404] | 0.111 [0.010, 0.404] |" in report
    assert "half-width of 0.105" in report


def test_actor_names_and_model_names_render_as_text():
    report = render_report(BenchmarkResult.read(HAND_WRITTEN), files={})
    assert "| A\\|B \\*Corp\\* | &lt;script&gt;alert(1)&lt;/script&gt; | positive | negative |" in report
    assert "| &lt;script&gt;alert(1)&lt;/script&gt; | snake\\_case\\_party | negative | neutral |" in report
    prose = re.sub(r"```.*?```", "", report, flags=re.S)  # code blocks show their text verbatim anyway
    assert "<script>" not in prose and "<b>" not in prose


def test_every_table_row_has_as_many_cells_as_its_header():
    report = render_report(BenchmarkResult.read(HAND_WRITTEN), files={})
    width = None
    for line in report.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        cells = len(re.split(r"(?<!\\)\|", line)) - 2
        width = width or cells
        assert cells == width, line


def test_links_are_relative():
    files = {"invented-pairs-test": {"per_class_f1": "invented-pairs-test/per_class_f1.png",
                                     "network": "invented-pairs-test/network.png"}}
    report = render_report(BenchmarkResult.read(HAND_WRITTEN), files=files)
    assert "![Per-class F1 with 95% intervals](invented-pairs-test/per_class_f1.png)" in report
    assert "![Stance network, gold beside the best model](invented-pairs-test/network.png)" in report
    targets = re.findall(r"\]\(([^)]*)\)", report)
    assert targets and all(not t.startswith(("/", "http")) for t in targets)
    assert "(results.json)" in report and "(#inventeddataset--config-pairs--split-test)" in report


def test_report_says_how_to_reproduce_it():
    report = render_report(BenchmarkResult.read(HAND_WRITTEN), files={})
    assert ("```bash\nSOURCE_DATE_EPOCH=1735787045 actorstance benchmark --dataset invented/dataset "
            "--predictions 'my|model *v2* <b>=preds.jsonl' --bootstrap 100 --seed 7 --output OUTPUT\n```") in report


def test_transductive_models_are_marked_in_results_and_the_leaderboard(tiny_benchmark):
    (d,) = tiny_benchmark.datasets
    pooling = {m.name: m.result.model.transductive for m in d.models}
    assert pooling.pop("baseline:cue-stack-document") == "document" and set(pooling.values()) == {None}
    report = render_report(tiny_benchmark, files={})
    ranked = [line.split(" | ")[1] for line in report.splitlines() if re.match(r"\| \d+ \|", line)]
    assert sorted(name for name in ranked if "†" in name) == ["baseline:cue-stack-document †"]
    assert "† *transductive (document)*: the model's answer for a pair also reads the other pairs" in report


def test_comparisons_state_holm_and_undefined_resamples(tiny_benchmark):
    report = render_report(tiny_benchmark, files={})
    (d,) = tiny_benchmark.datasets
    others = len(d.models) - 1
    assert (f"p (Holm) the same p-value Holm-adjusted over the {others} models compared with the reference "
            "(one family per metric)") in report
    assert "**Undefined resamples**" in report
    for m in d.models[1:]:
        c = m.comparisons["f1_pn"]
        assert c.p_holm is None or c.p_holm >= c.p_value
        assert (m.verdict == "not distinguishable") is (c.p_holm is None or c.p_holm >= 0.05)
        assert f"| {m.verdict} |" in next(line for line in report.splitlines() if line.startswith(f"| {m.name}"))
