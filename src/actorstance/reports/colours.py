"""Colours of stance labels and actors, shared by network exports and plots.

The Okabe–Ito palette: its colours stay distinguishable with the common colour-vision deficiencies.
"""

from __future__ import annotations

#: Edge colour of each stance label.
LABEL_COLORS: dict[str, str] = {"positive": "#0072B2", "negative": "#D55E00", "neutral": "#999999"}
#: Colour of a label outside :data:`LABEL_COLORS` (e.g. an imported corpus' own labels).
OTHER_COLOR = "#CC79A7"
#: Node colour of every actor.
NODE_COLOR = "#F0E442"


def label_color(label: str) -> str:
    """The colour of a stance label's edges.

    >>> label_color("negative"), label_color("sarcastic")
    ('#D55E00', '#CC79A7')
    """
    return LABEL_COLORS.get(label, OTHER_COLOR)
