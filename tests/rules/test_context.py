"""RuleContext.shared: work several rules need is done once per context, and never leaks across."""

from __future__ import annotations

from langcheck.model import Release
from langcheck.rules.base import RuleContext


def test_shared_work_is_done_once_per_context_and_kept_apart() -> None:
    calls: list[str] = []

    def count_languages(ctx: RuleContext) -> int:
        calls.append(ctx.release.path)
        return len(ctx.release.documents)

    first, second = RuleContext(release=Release("a", {}), groups=()), RuleContext(release=Release("b", {}), groups=())
    assert first.shared(count_languages) == 0
    assert first.shared(count_languages) == 0
    assert second.shared(count_languages) == 0
    assert calls == ["a", "b"]
    assert first == RuleContext(release=Release("a", {}), groups=())  # the memo is no field
