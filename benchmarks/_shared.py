"""What the benchmark scripts share: loading the scorers that live in ../shared/eval."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_eval(shared: Path, name: str) -> ModuleType:
    """Import ../shared/eval/NAME.py (a scorer script) as a module."""
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Runs `argv[2:]` under an address-space limit of `argv[1]` bytes (0: none) and writes, as the last
# line of stderr, "peak-kB N": ru_maxrss of its largest process (the command, or one of its workers).
_PEAK_WRAPPER = """
import resource, subprocess, sys
limit = int(sys.argv[1])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
code = subprocess.run(sys.argv[2:]).returncode
print(f"\\npeak-kB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(code if code >= 0 else 128 - code)
"""


def with_peak(cmd: list[str], limit_bytes: int = 0) -> list[str]:
    """`cmd` run through the peak-memory wrapper (see `split_peak`)."""
    return [sys.executable, "-c", _PEAK_WRAPPER, str(limit_bytes), *cmd]


def split_peak(stderr: str) -> tuple[str, int | None]:
    """A wrapped command's stderr without the wrapper's last line, and the peak it reports in kB."""
    head, _, last = stderr.rstrip().rpartition("\n")
    if last.startswith("peak-kB "):
        return head, int(last.split()[1])
    return stderr, None
