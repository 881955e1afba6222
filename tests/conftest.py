"""Fixtures on the project's shared data (../shared beside the checkout) and on made-up inputs."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def _need_shared() -> Path:
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI"):
        pytest.fail(f"../shared is missing beside the checkout ({SHARED}); CI must have it")
    pytest.skip("../shared (gold stories and benchmarks) is not beside this checkout")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder; tests that need it skip (outside CI) when a user's clone lacks it."""
    return _need_shared()


def load_eval(shared: Path, name: str):
    """Import ../shared/eval/NAME.py (a scorer script) as a module."""
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def score_story(shared: Path):
    """The gold-story scorer from ../shared/eval, imported as a module."""
    return load_eval(shared, "score_story")


@pytest.fixture()
def write(tmp_path: Path):
    """Write a file under a temporary folder: write("a.txt", "text" or b"bytes") -> its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
