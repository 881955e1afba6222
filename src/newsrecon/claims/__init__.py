"""Figures and who said them: the quantity parser, attribution, and canonical source names."""

from newsrecon.claims.extract import extract_claims
from newsrecon.claims.quantity import QuantityMatch, find_quantities, parse_number
from newsrecon.claims.story import unify_sources

__all__ = ["QuantityMatch", "extract_claims", "find_quantities", "parse_number", "unify_sources"]
