"""What the benchmark scripts share: loading the scorers that live in ../shared/eval."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_eval(shared: Path, name: str) -> ModuleType:
    """Import ../shared/eval/NAME.py (a scorer script) as a module."""
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
