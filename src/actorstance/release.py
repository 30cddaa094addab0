"""The date of this release, written by hand so that no output depends on the clock.

It stands wherever a file format wants a date: GEXF ``lastmodifieddate``, the changelog entry of a
conversion an importer describes. The dataset's own version and changelog are data, in the
annotations folder's ``corpus.json`` (:mod:`actorstance.corpus`).
"""

from __future__ import annotations

#: Date of the 1.0.0 release.
RELEASE_DATE = "2026-11-27"
