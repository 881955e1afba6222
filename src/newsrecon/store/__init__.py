"""The SQLite store: schema migrations and the single writer."""

from newsrecon.store.writer import Store

__all__ = ["Store"]
