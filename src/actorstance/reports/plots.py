"""PNG plots of benchmark results and stance networks: matplotlib's Agg backend, deterministic.

Every figure has a fixed size and dpi, uses the bundled DejaVu Sans font, lays networks out
without randomness (actors on a circle, ordered by type then name) and is saved without the
``Software`` metadata that would carry the matplotlib version, so a rerun on the same machine
writes byte-identical files. Plots take plain numbers (what ``results.json`` holds); they never
compute a metric.
"""

from __future__ import annotations

import io
import math
from contextlib import contextmanager
from pathlib import Path
from typing import Mapping, Sequence

from actorstance.atomic import write_bytes_atomic
from actorstance.escaping import plot_label
from actorstance.reports.colours import LABEL_COLORS, NODE_COLOR, label_color

DPI = 100
#: Drawings show at most this many actors (the most connected); exports hold every actor.
MAX_DRAWN_ACTORS = 24
#: rcParams that make rendering independent of the user's matplotlibrc.
_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "actorstance",
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": True,
    "text.parse_math": False,  # an actor named "$5 Party" is text, not mathtext
}


@contextmanager
def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    with matplotlib.rc_context(_RC):
        fig = plt.figure(figsize=(width, height), dpi=DPI)
        try:
            yield fig
        finally:
            plt.close(fig)


def _save(fig, dest: str | Path) -> None:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    write_bytes_atomic(dest, buffer.getvalue())


def per_class_f1_png(dest: str | Path, *, labels: Sequence[str],
                     models: Sequence[tuple[str, Mapping[str, Mapping[str, float | None]]]], title: str) -> None:
    """Grouped bars: F1 of each label (x) for each model (bar), with 95% CI error bars.

    ``models`` is ``[(name, {label: {"value", "ci_low", "ci_high"}})]``; ``None``/``nan`` values
    (undefined F1) draw no bar and are marked "n/a".
    """
    n = max(len(models), 1)
    with _figure(max(6.0, 1.1 + 0.35 * n * len(labels)), 4.0) as fig:
        ax = fig.add_subplot()
        width = 0.8 / n
        cmap = _model_colors(n)
        for i, (name, scores) in enumerate(models):
            xs, heights, lows, highs, missing = [], [], [], [], []
            for j, label in enumerate(labels):
                x = j - 0.4 + width * (i + 0.5)
                cell = scores.get(label) or {}
                value = _number(cell.get("value"))
                if value is None:
                    missing.append(x)
                    continue
                lo, hi = _number(cell.get("ci_low")), _number(cell.get("ci_high"))
                xs.append(x)
                heights.append(value)
                lows.append(value - lo if lo is not None else 0.0)
                highs.append(hi - value if hi is not None else 0.0)
            ax.bar(xs, heights, width=width * 0.95, color=cmap[i], label=plot_label(name),
                   yerr=[lows, highs] if xs else None, capsize=2, error_kw={"elinewidth": 0.8})
            for x in missing:
                ax.text(x, 0.02, "n/a", rotation=90, ha="center", va="bottom", fontsize=7, color="#555555")
        ax.set_xticks(range(len(labels)), list(labels))
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("F1 (95% bootstrap CI)")
        ax.set_title(plot_label(title, limit=120))
        ax.legend(fontsize=7, ncols=min(n, 4), loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False)
        fig.tight_layout()
        _save(fig, dest)


def confusion_png(dest: str | Path, *, labels: Sequence[str], columns: Sequence[str],
                  matrices: Sequence[tuple[str, Sequence[Sequence[int]]]], title: str) -> None:
    """One confusion matrix per model (gold rows × predicted columns, counts in the cells)."""
    n = max(len(matrices), 1)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    size = 0.55 * max(len(columns), 3) + 1.2
    with _figure(cols * size + 0.4, rows * size + 0.6) as fig:
        axes = fig.subplots(rows, cols, squeeze=False)
        for ax in axes.flat[len(matrices):]:
            ax.set_axis_off()
        for ax, (name, matrix) in zip(axes.flat, matrices):
            peak = max((max(row) for row in matrix if row), default=0) or 1
            ax.imshow([[c / peak for c in row] for row in matrix], cmap="Blues", vmin=0, vmax=1,
                      interpolation="nearest", aspect="equal")
            for r, row in enumerate(matrix):
                for c, count in enumerate(row):
                    ax.text(c, r, str(count), ha="center", va="center", fontsize=8,
                            color="white" if count / peak > 0.6 else "black")
            ax.set_xticks(range(len(columns)), list(columns), rotation=45, ha="right", fontsize=7)
            ax.set_yticks(range(len(labels)), list(labels), fontsize=7)
            ax.set_xlabel("predicted", fontsize=7)
            ax.set_ylabel("gold", fontsize=7)
            ax.set_title(plot_label(name), fontsize=8)
        fig.suptitle(plot_label(title, limit=120))
        fig.tight_layout()
        _save(fig, dest)


def network_png(graph, dest: str | Path, *, title: str | None = None) -> None:
    """A drawing of one stance network (:func:`actorstance.reports.network.stance_network`)."""
    networks_png(dest, [(title or graph.graph.get("name", ""), graph)])


def networks_png(dest: str | Path, graphs: Sequence[tuple[str, object]], *,
                 max_actors: int = MAX_DRAWN_ACTORS) -> None:
    """Several networks of the same actors side by side, on the same node positions
    (e.g. gold beside a model's predictions); a wrong predicted edge is dashed.

    Beyond ``max_actors`` actors a drawing is a hairball: only the actors in the most pairs are
    drawn (a footnote says how many of how many); the GraphML/GEXF exports hold them all.
    """
    union = _node_union(graph for _, graph in graphs)
    total = union.number_of_nodes()
    shown = busiest_actors([graph for _, graph in graphs], max_actors)
    note = None
    if len(shown) < total:
        union = union.subgraph(shown)
        graphs = [(title, graph.subgraph(shown)) for title, graph in graphs]
        note = (f"Showing the {len(shown)} of {total} actors in the most pairs, and the pairs among them; "
                "the GraphML/GEXF files hold every actor.")
    pos = circle_layout(union)
    with _figure(6.5 * len(graphs), 7.0) as fig:
        axes = fig.subplots(1, len(graphs), squeeze=False)[0]
        for ax, (title, graph) in zip(axes, graphs):
            draw_network(ax, graph, pos, title=title)
        _legend(fig, union, wrong=any(not d.get("correct", True) for _, g in graphs for *_, d in g.edges(data=True)))
        fig.tight_layout(rect=(0, 0.06, 1, 1))
        if note:
            fig.text(0.5, 0.005, note, ha="center", va="bottom", fontsize=7, color="#555555")
        _save(fig, dest)


def busiest_actors(graphs: Sequence, limit: int) -> list:
    """The ``limit`` actors in the most pairs over ``graphs`` (ties: by name, then id), all if fewer."""
    degree: dict = {}
    names: dict = {}
    for graph in graphs:
        for node, data in graph.nodes(data=True):
            degree.setdefault(node, 0)
            names.setdefault(node, str(data.get("label", node)))
        for u, v in graph.edges():
            degree[u] += 1
            degree[v] += 1
    ranked = sorted(degree, key=lambda n: (-degree[n], names[n], str(n)))
    return ranked[:limit]


def circle_layout(graph) -> dict:
    """Actors evenly on a circle, ordered by (type, name, id): deterministic and readable."""
    nodes = sorted(graph.nodes(data=True), key=lambda n: (n[1].get("actor_type", ""), n[1].get("label", ""), n[0]))
    count = max(len(nodes), 1)
    return {node: (math.cos(math.pi / 2 - 2 * math.pi * i / count), math.sin(math.pi / 2 - 2 * math.pi * i / count))
            for i, (node, _) in enumerate(nodes)}


def draw_network(ax, graph, pos: Mapping, *, title: str = "") -> None:
    from matplotlib.patches import FancyArrowPatch

    ax.set_title(plot_label(title, limit=120))
    ax.set_axis_off()
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    nodes = sorted(graph.nodes)
    ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=260, color=NODE_COLOR,
               edgecolors="#333333", linewidths=0.8, zorder=3)
    for node in nodes:
        x, y = pos[node]
        # outside the circle, anchored on the side facing the node so that the text never covers it
        ha = "left" if x > 0.3 else "right" if x < -0.3 else "center"
        va = "bottom" if y > 0.3 else "top" if y < -0.3 else "center"
        ax.text(1.1 * x, 1.1 * y, _wrap(plot_label(graph.nodes[node].get("label", node))), ha=ha, va=va,
                multialignment=ha if ha != "center" else "center", fontsize=8, zorder=4)
    # one arrow per (source, target, label, right or wrong), thicker for more pairs: pairs of many
    # documents between the same two actors would otherwise stack into a fan of loops
    groups: dict[tuple, int] = {}
    for u, v, data in graph.edges(data=True):
        group = (u, v, data["label"], data.get("correct") is False)
        groups[group] = groups.get(group, 0) + 1
    seen: dict[tuple, int] = {}
    for (u, v, label, wrong), count in sorted(groups.items(), key=lambda g: (str(g[0][0]), str(g[0][1]), g[0][2:])):
        i = seen.get((u, v), 0)
        seen[(u, v)] = i + 1
        arrow = FancyArrowPatch(pos[u], pos[v], arrowstyle="-|>", mutation_scale=12,
                                connectionstyle=f"arc3,rad={0.12 + 0.1 * i}", shrinkA=9, shrinkB=9,
                                color=label_color(label), linewidth=1.6 + 0.8 * math.log2(count),
                                linestyle="--" if wrong else "-", zorder=2)
        ax.add_patch(arrow)


def _legend(fig, graph, *, wrong: bool = False) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=color, linewidth=2, label=label) for label, color in LABEL_COLORS.items()]
    if wrong:
        handles.append(Line2D([], [], color="#333333", linewidth=1.5, linestyle="--", label="wrong prediction"))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02), ncols=len(handles), frameon=False,
               fontsize=8)


def _node_union(graphs):
    import networkx as nx

    union = nx.MultiDiGraph()
    for graph in graphs:
        union.add_nodes_from(graph.nodes(data=True))
    return union


def _model_colors(n: int) -> list:
    import matplotlib

    cmap = matplotlib.colormaps["tab10"]
    return [cmap(i % 10) for i in range(n)]


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _wrap(text: str, width: int = 18) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
