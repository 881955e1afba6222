"""Parts of speech, morphology and lemmas by lookup: spaCy's attribute ruler and lemmatizer, the same
rules and the same output, in a fraction of their time.

The English model maps the tagger's fine tags to coarse ones with an attribute ruler: 179 token
patterns (a tag, a lower-case form, a dependency), matched by spaCy's general `Matcher` over every
token of every sentence, which cost a tenth of the whole parse; its rule lemmatizer then looks each
token up again. A token's patterns depend only on its (tag, lower form, dependency, is-space), so
here each such key is matched once per process and the merged attributes are cached: a token costs
a dictionary lookup. The two-token patterns ("gon na", expletive "there is") are checked where a
first token's key allows them. Lemmas come from the model's own lemmatizer, cached by what it
reads (form, part of speech, morphology). `tests/test_claims_nlp.py` checks that every
token comes out as the model's own components leave it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what the model's patterns test (checked when built)
_READ = [TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA, ORTH]
_WRITE = [POS, MORPH, LEMMA]  # written for the whole doc at once; the rare TAG or DEP one by one
_WRITTEN = frozenset(_WRITE)


def _test(value: Any) -> Callable[[Any], bool]:
    """A pattern value as a predicate on the token's attribute."""
    if isinstance(value, dict):
        if set(value) == {"IN"}:
            allowed = frozenset(value["IN"])
            return allowed.__contains__
        if set(value) == {"NOT_IN"}:
            barred = frozenset(value["NOT_IN"])
            return lambda x: x not in barred
        if set(value) == {"REGEX"}:
            regex = re.compile(value["REGEX"])
            return lambda text: regex.search(text) is not None
        raise ValueError(f"pattern operator {sorted(value)} not handled")
    return lambda x: x == value


def _spec(token_pattern: dict) -> Callable[[tuple], bool]:
    """One token's pattern as a predicate on a token key (tag, lower, dep, is_space)."""
    if set(token_pattern) - set(_KEYS):
        raise ValueError(f"pattern keys {sorted(set(token_pattern) - set(_KEYS))} not handled")
    tests = [(_KEYS.index(k), _test(v)) for k, v in token_pattern.items()]
    return lambda key: all(test(key[i]) for i, test in tests)


class TokenAttributes:
    """A pipeline component in place of the model's `attribute_ruler` and `lemmatizer`, built from
    them (`ruler`, `lemmatizer`). Raises ValueError for a pattern it cannot reproduce exactly."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.attrs = list(ruler.attrs)  # attribute id -> {attr: value}, normalised by the ruler
        # (attr id, predicate) of one-token patterns, by the tag or else the form they require (None:
        # neither): a token is tested against a few of the 179, not all
        self.single: dict[tuple[str, str] | None, list[tuple[int, Callable]]] = {}
        self.pairs: list[tuple[int, Callable, Callable, int]] = []  # (attr id, first, second, index)
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                index = entry["index"]
                if len(pattern) == 1 and index in (0, -1):
                    tag, lower = pattern[0].get("TAG"), pattern[0].get("LOWER")
                    where = (
                        ("TAG", tag)
                        if isinstance(tag, str)
                        else ("LOWER", lower)
                        if isinstance(lower, str)
                        else None
                    )
                    self.single.setdefault(where, []).append((attr_id, _spec(pattern[0])))
                elif len(pattern) == 2 and index in (0, 1, -1, -2):
                    self.pairs.append((attr_id, _spec(pattern[0]), _spec(pattern[1]), index % 2))
                else:
                    raise ValueError(f"pattern of {len(pattern)} tokens, index {index}, not handled")
        self.strings = ruler.vocab.strings
        self._keys: dict[tuple, tuple[dict, tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def _match(
        self, key: tuple[int, int, int, int]
    ) -> tuple[dict, tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        """For a token key (tag, lower, dep, is_space, as hashes): its one-token patterns' merged
        attributes, their ids, and the pair patterns whose first / second token it can be."""
        found = self._keys.get(key)
        if found is None:
            strings = self.strings
            text = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
            tests = [
                *self.single.get(("TAG", text[0]), ()),
                *self.single.get(("LOWER", text[1]), ()),
                *self.single.get(None, ()),
            ]
            ids = tuple(sorted({a for a, test in tests if test(text)}))
            found = self._keys[key] = (
                self._apply(ids),
                ids,
                tuple(k for k, (_, first, _, _) in enumerate(self.pairs) if first(text)),
                tuple(k for k, (_, _, second, _) in enumerate(self.pairs) if second(text)),
            )
        return found

    def _apply(self, ids: tuple[int, ...]) -> dict:
        """The attributes of matches applied in id order (later rules win, as in the ruler)."""
        merged = self._merged.get(ids)
        if merged is None:
            merged = {}
            for a in ids:
                merged.update(self.attrs[a])
            self._merged[ids] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(_READ)
        found = [self._match(tuple(row)) for row in keys[:, :4].tolist()]
        extra: dict[int, list[int]] = {}  # token -> attribute ids of the pair patterns that hit it
        for i, (_, _, firsts, _) in enumerate(found):
            if firsts and i + 1 < len(found):
                for k in firsts:
                    if k in found[i + 1][3]:
                        attr_id, _, _, index = self.pairs[k]
                        extra.setdefault(i + index, []).append(attr_id)
        out = keys[:, 4:7].copy()  # POS, MORPH, LEMMA as the tagger left them
        odd: list[tuple[int, dict]] = []  # tokens whose attributes the arrays do not carry
        for i, (merged, ids, _, _) in enumerate(found):
            if i in extra:
                merged = self._apply(tuple(sorted({*ids, *extra[i]})))
            if not merged:
                continue
            if merged.keys() - _WRITTEN:
                odd.append((i, merged))
            for column, attr in enumerate(_WRITE):
                if attr in merged:
                    out[i, column] = merged[attr]
        doc.from_array(_WRITE, out)
        for i, merged in odd:
            set_token_attrs(doc[i], merged)
        lemmatize, cache = self.lemmatizer.lemmatize, self._lemmas
        orth = keys[:, 7].tolist()
        pos, morph, lemma = out[:, 0].tolist(), out[:, 1].tolist(), out[:, 2].tolist()
        missing = False
        for i in range(len(orth)):
            if lemma[i] == 0:
                key = (orth[i], pos[i], morph[i])
                found_lemma = cache.get(key)
                if found_lemma is None:
                    token = doc[i]
                    token.lemma_ = lemmatize(token)[0]
                    found_lemma = cache[key] = token.lemma
                lemma[i] = found_lemma
                missing = True
        if missing:
            out[:, 2] = lemma
            doc.from_array(_WRITE[2:], out[:, 2:3])
        return doc
