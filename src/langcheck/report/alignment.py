"""Renderings of an alignment (for `langcheck align`): a table, JSON, or beads of line files."""

from __future__ import annotations

import json
from typing import Sequence

from langcheck.model import ReleaseReport


def render_groups(result: ReleaseReport, fmt: str = "table") -> str:
    """Paragraph groups of one release: a plain table (one row per group) or JSON."""
    langs = result.release.languages
    if fmt == "json":
        data = {
            "path": result.release.path,
            "languages": {lang: result.release.documents[lang].file_name for lang in langs},
            "groups": [
                {"paragraphs": {lang: list(g.paragraphs.get(lang, ())) for lang in langs},
                 "similarity": round(g.similarity, 4)}
                for g in result.groups
            ],
        }
        from langcheck.report._common import json_text

        return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    rows = ["group  " + "  ".join(f"{lang:>8}" for lang in langs) + "  similarity"]
    for number, group in enumerate(result.groups):
        cells = ["+".join(str(i) for i in group.paragraphs.get(lang, ())) or "-" for lang in langs]
        rows.append(f"{number:>5}  " + "  ".join(f"{c:>8}" for c in cells) + f"  {group.similarity:10.3f}")
    return "\n".join(rows) + "\n"


def render_beads(beads: Sequence) -> str:
    """One bead per line as `[src ids]:[tgt ids]` (0-based), the format of alignment gold sets."""
    return "".join(f"[{', '.join(map(str, b.src))}]:[{', '.join(map(str, b.tgt))}]\n" for b in beads)
