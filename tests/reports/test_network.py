"""Stance networks: structure, GraphML/GEXF that parse back, byte-identical exports."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from actorstance.errors import ActorstanceError
from actorstance.reports.colours import LABEL_COLORS
from actorstance.reports.network import gexf_bytes, graphml_bytes, split_network, stance_network, write_network


def pair(source, target, label, suffix=""):
    return {"id": f"d/{source}->{target}{suffix}", "doc_id": "d", "source_id": source,
            "source": f"{source.upper()} <&> |x|",
            "source_type": "person", "target_id": target, "target": f"{target.upper()} <&> |x|",
            "target_type": "organisation" if target == "c" else "person", "label": label}


ROWS = [pair("a", "b", "positive"), pair("b", "a", "negative"), pair("b", "c", "neutral"),
        pair("b", "c", "negative", "@10-20"), pair("c", "a", "none")]


def test_gold_network_has_one_edge_per_stance_pair():
    graph = stance_network(ROWS)
    assert sorted(graph.nodes) == ["a", "b", "c"]
    assert graph.nodes["c"]["actor_type"] == "organisation" and graph.nodes["a"]["label"] == "A <&> |x|"
    edges = sorted((u, v, k, d["label"], d["color"]) for u, v, k, d in graph.edges(keys=True, data=True))
    assert edges == [("a", "b", "d/a->b", "positive", LABEL_COLORS["positive"]),
                     ("b", "a", "d/b->a", "negative", LABEL_COLORS["negative"]),
                     ("b", "c", "d/b->c", "neutral", LABEL_COLORS["neutral"]),
                     ("b", "c", "d/b->c@10-20", "negative", LABEL_COLORS["negative"])]  # `none`: no edge


def test_predicted_network_keeps_every_actor_and_marks_errors():
    predictions = {"d/a->b": "positive", "d/b->a": None, "d/b->c": "none", "d/b->c@10-20": "positive",
                   "d/c->a": "negative"}
    graph = stance_network(ROWS, predictions=predictions, name="m")
    assert sorted(graph.nodes) == ["a", "b", "c"] and graph.graph["name"] == "m"
    edges = {k: (d["label"], d["gold"], d["correct"]) for _, _, k, d in graph.edges(keys=True, data=True)}
    assert edges == {"d/a->b": ("positive", "positive", True), "d/b->c@10-20": ("positive", "negative", False),
                     "d/c->a": ("negative", "none", False)}


@pytest.mark.parametrize("reader, data", [(nx.read_graphml, graphml_bytes), (nx.read_gexf, gexf_bytes)])
def test_exports_parse_back(reader, data):
    graph = stance_network(ROWS)
    back = reader(io.BytesIO(data(graph)))
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back.nodes) == ["a", "b", "c"]
    assert back.nodes["a"]["label"] == "A <&> |x|"
    labels = sorted((u, v, d["label"], d["color"]) for u, v, d in back.edges(data=True))
    assert labels == sorted((u, v, d["label"], d["color"]) for u, v, d in graph.edges(data=True))


def test_gexf_has_colours_and_no_clock():
    text = gexf_bytes(stance_network(ROWS)).decode("utf-8")
    assert 'lastmodifieddate="2026-11-27"' in text and "<creator>actorstance</creator>" in text
    assert '<viz:color r="0" g="114" b="178" a="1.0" />' in text  # positive, #0072B2
    assert 'id="d/b-&gt;c@10-20"' in text  # edge ids are pair ids
    assert gexf_bytes(stance_network(list(reversed(ROWS)))) == gexf_bytes(stance_network(ROWS))
    assert graphml_bytes(stance_network(list(reversed(ROWS)))) == graphml_bytes(stance_network(ROWS))


def test_write_network_by_extension(tmp_path):
    graph = stance_network(ROWS)
    for name in ("n.graphml", "n.GEXF", "n.png"):
        write_network(graph, tmp_path / name)
    assert (tmp_path / "n.graphml").read_bytes() == graphml_bytes(graph)
    assert (tmp_path / "n.GEXF").read_bytes() == gexf_bytes(graph)
    assert (tmp_path / "n.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_extension_is_a_clear_error(tmp_path):
    with pytest.raises(ActorstanceError) as err:
        write_network(stance_network(ROWS), tmp_path / "n.dot")
    assert str(err.value) == (f"{tmp_path / 'n.dot'}: unknown network format '.dot'; expected one of: .graphml "
                              "(GraphML), .gexf (GEXF), .png (PNG drawing). "
                              "Fix: end the output file name in one of those")
    assert not (tmp_path / "n.dot").exists()


def test_split_network_reads_a_built_dataset(tiny_dataset):
    graph = split_network(tiny_dataset, "candidates", "test")
    assert graph.number_of_edges() == 2  # the 2 stance pairs of tiny_b; its `none` candidates draw no edge
    assert graph.number_of_nodes() == 3
