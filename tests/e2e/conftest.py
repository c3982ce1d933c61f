"""Shared fixtures for end-to-end tests that run the real bundled model."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck.config import Config
from langcheck.pipeline import Session

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="session")
def model_session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """One real model and one cache for all end-to-end tests (the weights load once)."""
    cache = tmp_path_factory.mktemp("embedding-cache")
    return Session(Config(cache_dir=str(cache)))
