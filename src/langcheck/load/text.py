"""Plain text: paragraphs are blocks separated by blank lines."""

from __future__ import annotations

from langcheck.load.blocks import Block


def text_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks, each with the 1-based line of its first line."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append(Block(" ".join(current), start))
            current = []
    if current:
        blocks.append(Block(" ".join(current), start))
    return blocks
