"""Renderings of an alignment (for `langcheck align`): a table, JSON, or beads of line files.

Groups and paragraphs are numbered from 1 in the table and JSON, as in every report (the title
is paragraph 1); beads keep the 0-based line ids of sentence-alignment gold sets.
"""

from __future__ import annotations

import json
from typing import Sequence

from langcheck.model import ReleaseReport


def render_groups(result: ReleaseReport, fmt: str = "table") -> str:
    """Paragraph groups of one release: a plain table (one row per group, numbered from 1; cells
    are 1-based paragraph numbers, `2+3` for two merged paragraphs, `-` for none) or JSON
    (`{"path", "languages": {lang: file name}, "groups": [{"paragraph_numbers": {lang: [int]},
    "similarity"}]}`, the groups of the `langcheck-report/2` JSON)."""
    langs = result.release.languages
    if fmt == "json":
        data = {
            "path": result.release.path,
            "languages": {lang: result.release.documents[lang].file_name for lang in langs},
            "groups": [
                {"paragraph_numbers": {lang: [i + 1 for i in g.paragraphs.get(lang, ())] for lang in langs},
                 "similarity": round(g.similarity, 4)}
                for g in result.groups
            ],
        }
        from langcheck.report._common import json_text

        return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    rows = ["group  " + "  ".join(f"{lang:>8}" for lang in langs) + "  similarity"]
    for number, group in enumerate(result.groups, start=1):
        cells = ["+".join(str(i + 1) for i in group.paragraphs.get(lang, ())) or "-" for lang in langs]
        rows.append(f"{number:>5}  " + "  ".join(f"{c:>8}" for c in cells) + f"  {group.similarity:10.3f}")
    return "\n".join(rows) + "\n"


def render_beads(beads: Sequence) -> str:
    """One bead per line as `[src ids]:[tgt ids]` (0-based), the format of alignment gold sets."""
    return "".join(f"[{', '.join(map(str, b.src))}]:[{', '.join(map(str, b.tgt))}]\n" for b in beads)
