"""Reading inputs: files and folders to decoded `RawDocument`s, or errors that name the input."""

from newsrecon.ingest.files import discover, read_inputs, read_text_file

__all__ = ["discover", "read_inputs", "read_text_file"]
