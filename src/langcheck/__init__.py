"""langcheck: check the language versions of a publication against each other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["check", "__version__"]

if TYPE_CHECKING:
    from langcheck.model import Report


def check(path: str, **options: Any) -> "Report":
    """Check a release folder (or a tree of release folders) and return the report.

    This is the same call the CLI makes; options are those of `langcheck.config.Config`.
    Imported lazily so that `import langcheck` stays cheap.
    """
    from langcheck.api import check as _check

    return _check(path, **options)
