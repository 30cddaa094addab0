"""Identifiers for imported actors: a slug of the name, made unique within its document."""

from __future__ import annotations

import re
import unicodedata


def slug(name: str) -> str:
    """An identifier from a name: ASCII-folded, lower case, runs of other characters → ``_``.

    >>> slug("Zoë Lind"), slug("U.S. Senate"), slug("!!!")
    ('zoe_lind', 'u_s_senate', 'entity')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")[:60].rstrip("_") or "entity"


def unique_slug(name: str, used: set[str]) -> str:
    """``slug(name)``, with ``_2``, ``_3``... appended while it is in ``used``; the result is added to ``used``.

    >>> used = set(); unique_slug("Anna Berg", used), unique_slug("Anna  Berg", used)
    ('anna_berg', 'anna_berg_2')
    """
    base = slug(name)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    used.add(candidate)
    return candidate
