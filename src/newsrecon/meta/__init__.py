"""Metadata stated in the article text: headline, byline, date, outlet, dateline, wire."""

from newsrecon.meta.extract import extract_metadata, parse_full_date

__all__ = ["extract_metadata", "parse_full_date"]
