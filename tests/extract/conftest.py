"""Shared fixtures for the extraction tables: the shipped glossary, loaded once."""

from __future__ import annotations

import pytest

from langcheck.glossary import Glossary, default_glossary_paths, load_glossary


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return load_glossary(default_glossary_paths())
