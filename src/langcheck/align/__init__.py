"""Alignment of language versions: which units of one version say what units of another say."""

from __future__ import annotations

from langcheck.align.beads import Bead, align_beads

__all__ = ["Bead", "align_beads"]
