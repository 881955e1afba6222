"""Runners apply the per-document stages to many documents: in this process, in a pool of local
processes, and (later) on Spark, all behind the `Runner` interface."""

from newsrecon.runners.local import LocalRunner, Runner, default_workers

__all__ = ["LocalRunner", "Runner", "default_workers"]
