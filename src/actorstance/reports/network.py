"""Stance networks: actors as nodes, one directed edge per stance pair, coloured by label.

A network is a ``networkx.MultiDiGraph`` keyed by actor id (an actor id means the same actor in
every document), with one edge per pair whose label is a stance (``none`` pairs and abstentions
draw no edge). The edge key is the pair id, so two scoped stances between the same actors stay
two edges. The same builder makes the gold network of a split and the network a model predicted
for it (:func:`stance_network` with ``predictions``), so the two can be drawn side by side.

Exports are for Gephi and friends: GraphML and GEXF (with ``viz`` colours), both byte-identical
across runs (GEXF's ``lastmodifieddate`` is a fixed value, never the clock).

>>> graph = split_network("data/dataset", "pairs", "test")        # doctest: +SKIP
>>> write_network(graph, "network.gexf")                            # doctest: +SKIP
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable, Mapping

from actorstance.atomic import write_bytes_atomic
from actorstance.errors import ActorstanceError
from actorstance.escaping import xml_text
from actorstance.labels import NONE_LABEL
from actorstance.release import RELEASE_DATE
from actorstance.reports.colours import NODE_COLOR, label_color

#: File extensions :func:`write_network` understands, and what they mean.
NETWORK_FORMATS: dict[str, str] = {".graphml": "GraphML", ".gexf": "GEXF", ".png": "PNG drawing"}

#: Written as GEXF ``lastmodifieddate``: a fixed value so that exports are byte-identical.
GEXF_DATE = RELEASE_DATE


def stance_network(rows: Iterable[Mapping], *, predictions: Mapping[str, str | None] | None = None,
                   name: str = "gold"):
    """The stance network of ``rows`` (pair records with string labels).

    With ``predictions`` (pair id → predicted label or ``None``), edges carry the predicted label
    instead, plus ``gold`` and ``correct``; a pair predicted ``none`` or abstained on draws no edge.
    Every actor of ``rows`` is a node either way, so gold and predicted networks share their nodes.

    >>> g = stance_network([{"id": "d/a->b", "doc_id": "d", "source_id": "a", "source": "A",
    ...     "source_type": "person", "target_id": "b", "target": "B", "target_type": "person",
    ...     "label": "negative"}])
    >>> [(u, v, k, d["label"]) for u, v, k, d in g.edges(keys=True, data=True)]
    [('a', 'b', 'd/a->b', 'negative')]
    """
    import networkx as nx

    graph = nx.MultiDiGraph(name=name)
    rows = sorted(rows, key=lambda r: r["id"])
    for row in rows:
        for side in ("source", "target"):
            actor = xml_text(row[f"{side}_id"])  # names from data: only characters XML allows
            if actor not in graph:
                graph.add_node(actor, label=xml_text(row[side]), actor_type=xml_text(row[f"{side}_type"]),
                               viz={"color": _rgba(NODE_COLOR)})
    for row in rows:
        gold = row["label"]
        label = gold if predictions is None else predictions.get(row["id"])
        if label is None or label == NONE_LABEL:
            continue
        attrs = {"label": label, "doc_id": xml_text(row["doc_id"]), "color": label_color(label),
                 "viz": {"color": _rgba(label_color(label))}}
        if predictions is not None:
            attrs.update(gold=gold, correct=label == gold)
        graph.add_edge(xml_text(row["source_id"]), xml_text(row["target_id"]), key=xml_text(row["id"]), **attrs)
    return graph


def split_network(folder: str | Path, config: str = "pairs", split: str = "test", *,
                  predictions: Mapping[str, str | None] | None = None, name: str = "gold"):
    """:func:`stance_network` of one split of a built dataset folder."""
    return stance_network(split_rows(folder, config, split), predictions=predictions, name=name)


def split_rows(folder: str | Path, config: str = "pairs", split: str = "test") -> list[dict]:
    """The rows of a split as dicts with the label as its name (not the ``ClassLabel`` integer)."""
    from actorstance.dataset.load import load_split

    dataset = load_split(folder, config, split)
    names = dataset.features["label"].names
    return [{**row, "label": names[row["label"]]} for row in dataset]


def write_network(graph, dest: str | Path) -> None:
    """Write ``graph`` to ``dest`` (atomically) in the format its extension names.

    ``.graphml`` and ``.gexf`` are graph files; ``.png`` is a drawing
    (:func:`actorstance.reports.plots.network_png`). Any other extension is an error.
    """
    suffix = check_network_path(dest)
    if suffix == ".png":
        from actorstance.reports.plots import network_png

        network_png(graph, dest)
        return
    write_bytes_atomic(dest, graphml_bytes(graph) if suffix == ".graphml" else gexf_bytes(graph))


def check_network_path(dest: str | Path) -> str:
    """The lower-case extension of ``dest`` if :func:`write_network` knows it; else an error naming them."""
    dest = Path(dest)
    suffix = dest.suffix.lower()
    if suffix not in NETWORK_FORMATS:
        known = ", ".join(f"{ext} ({what})" for ext, what in NETWORK_FORMATS.items())
        raise ActorstanceError(f"{dest}: unknown network format '{dest.suffix or '(no extension)'}'; "
                               f"expected one of: {known}. Fix: end the output file name in one of those")
    return suffix


def graphml_bytes(graph) -> bytes:
    """GraphML of ``graph`` (``viz`` dropped: GraphML has no nested attributes; ``color`` stays)."""
    import networkx as nx

    buffer = io.BytesIO()
    # the ElementTree writer, always: nx.write_graphml picks lxml when it is installed (dkpro-cassis brings
    # it), and lxml's writer ignores prettyprint, so the bytes would depend on what else is installed
    nx.write_graphml_xml(_without_viz(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def gexf_bytes(graph) -> bytes:
    """GEXF 1.2 of ``graph`` with ``viz`` colours and a fixed ``lastmodifieddate``."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    meta.set("lastmodifieddate", GEXF_DATE)
    meta.find("creator").text = "actorstance"
    writer.add_graph(_with_edge_ids(graph))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _with_edge_ids(graph):
    """A copy whose edges carry ``id`` = pair id, so GEXF edge ids are the pair ids (not a counter)."""
    copy = graph.copy()
    for _, _, key, data in copy.edges(keys=True, data=True):
        data["id"] = key
    return copy


def _without_viz(graph):
    copy = graph.copy()
    for _, data in copy.nodes(data=True):
        data.pop("viz", None)
    for _, _, data in copy.edges(data=True):
        data.pop("viz", None)
    return copy


def _rgba(hex_color: str) -> dict:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return {"r": r, "g": g, "b": b, "a": 1.0}
