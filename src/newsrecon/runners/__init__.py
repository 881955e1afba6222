"""Runners apply the per-document stages to many documents: in this process, in a pool of local
processes, or on Spark, all behind the `Runner` interface."""

from newsrecon.runners.local import LocalRunner, Runner, default_workers
from newsrecon.runners.spark import SparkRunner

__all__ = ["LocalRunner", "Runner", "SparkRunner", "default_workers"]
