"""The real Label Studio round trip: shipped config → project → seed task → corrected annotation → export → import.

Opt-in (it starts a Django server, about a minute here), so the default test command skips it. With
Label Studio installed in its own environment (``python -m venv /opt/ls && /opt/ls/bin/pip install
label-studio``), run::

    ACTORSTANCE_LABEL_STUDIO=/opt/ls/bin/label-studio python -m pytest tests/integration/test_label_studio_server.py

The server listens on 127.0.0.1 only, keeps its database in a temporary folder, creates its user and
API token from the command line (legacy tokens enabled for its one organisation) and has its update
check and analytics switched off: nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from actorstance.annotations import load_annotations
from actorstance.exporters import export_annotations, labeling_config
from actorstance.importers.label_studio import import_label_studio
from tests.exporters.test_round_trip import SEED, comparable, drop_misplaced, expected_back

ENV_VAR = "ACTORSTANCE_LABEL_STUDIO"
TOKEN = "actorstance-round-trip-token"
STARTUP_SECONDS = 300

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def label_studio(tmp_path_factory):
    """A running Label Studio server: ``(base_url, token)``; stopped and its data removed afterwards."""
    executable = os.environ.get(ENV_VAR) or ""
    if not executable or shutil.which(executable) is None:
        pytest.skip(f"the Label Studio round trip needs a label-studio executable: set {ENV_VAR}, e.g. "
                    f"{ENV_VAR}=/opt/ls/bin/label-studio python -m pytest tests/integration/test_label_studio_server.py")
    data = tmp_path_factory.mktemp("label-studio-data")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data), "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
           "LABEL_STUDIO_COLLECT_ANALYTICS": "false", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true"}
    log = (data / "server.log").open("wb")
    server = subprocess.Popen(
        [executable, "start", "--no-browser", "--data-dir", str(data), "--internal-host", "127.0.0.1",
         "--port", str(port), "--username", "round-trip@actorstance.invalid", "--password", "round-trip-password",
         "--user-token", TOKEN, "--enable-legacy-api-token", "--log-level", "WARNING"],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if server.poll() is not None:
                pytest.fail(f"label-studio exited with {server.returncode}:\n{_tail(data / 'server.log')}")
            try:
                if _call(base, "GET", "/api/projects")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"label-studio did not answer within {STARTUP_SECONDS} s:\n{_tail(data / 'server.log')}")
            time.sleep(1)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def _call(base: str, method: str, path: str, body=None) -> tuple[int, object]:
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def _ok(answer: tuple[int, object], what: str):
    status, body = answer
    assert 200 <= status < 300, f"{what}: HTTP {status}: {body}"
    return body


def _tail(path: Path, n: int = 40) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])


def test_seed_round_trip_through_a_real_label_studio(label_studio, tmp_path):
    base = label_studio
    (seed,) = load_annotations([SEED])
    project = _ok(_call(base, "POST", "/api/projects", {"title": "actorstance round trip",
                                                         "label_config": labeling_config()}), "create project")
    (pre,) = export_annotations("label-studio", [SEED], tmp_path / "tasks.json")
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    imported = _ok(_call(base, "POST", f"/api/projects/{project['id']}/import", tasks), "import the seed task")
    assert (imported["task_count"], imported["prediction_count"]) == (1, 1)
    listed = _ok(_call(base, "GET", f"/api/tasks?project={project['id']}"), "list tasks")
    (task,) = listed["tasks"]
    # the annotator corrects the pre-annotation: deletes one stance, relabels another, accepts the rest
    prediction = tasks[0]["predictions"][0]["result"]
    names = {r["id"]: r["value"]["text"][0] for r in prediction if r["type"] == "textarea"}
    deleted, relabelled = ("Dmitry Peskov", "Alexander Lukashenko"), ("Wagner Group", "Russia")
    posted = []
    for item in prediction:
        pair = (names.get(item.get("from_id")), names.get(item.get("to_id")))
        if item["type"] == "relation" and pair == deleted:
            continue
        if item["type"] == "relation" and pair == relabelled:
            item = {**item, "labels": ["neutral"]}
        posted.append(item)
    _ok(_call(base, "POST", f"/api/tasks/{task['id']}/annotations",
              {"result": posted, "was_cancelled": False, "ground_truth": False}), "post the annotation")
    export = _ok(_call(base, "GET", f"/api/projects/{project['id']}/export?exportType=JSON"), "export the project")
    (tmp_path / "export.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")

    (exported_task,) = export
    (annotation,) = exported_task["annotations"]
    assert exported_task["data"]["doc_id"] == seed.doc_id
    assert sorted(map(json.dumps, annotation["result"])) == sorted(map(json.dumps, posted))

    report = import_label_studio(tmp_path / "export.json", tmp_path / "back")
    user = f"ls-user-{annotation['completed_by']}"
    assert report.annotator_documents == {user: 1}
    (back,) = load_annotations([tmp_path / "back" / user])
    got, want = comparable(back), expected_back(seed, pre.misplaced_evidence)
    del want["stances"][deleted]
    want["stances"][relabelled] = ("neutral", True, want["stances"][relabelled][2])  # a typed label is stated
    assert got["stances"][relabelled][:2] == ("neutral", True) and deleted not in got["stances"]
    assert got["actors"] == want["actors"]
    assert got["mentions"] == want["mentions"]
    assert {pair: value[:2] for pair, value in got["stances"].items()} == \
        {pair: value[:2] for pair, value in want["stances"].items()}
    assert drop_misplaced(got, want) == want
