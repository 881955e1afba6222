from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsrecon.clean.normalize import normalize

ODD = "\u00a0\u202f\u2009\u200b\u00ad\ufeff\t\r\u2028"


def test_normalize_identity_for_plain_text():
    n = normalize("plain text\nsecond line")
    assert n.text == "plain text\nsecond line"
    assert n.origin is None
    assert n.to_original(5) == 5


def test_normalize_spaces_and_zero_width_map_back():
    original = "3\u00a0000 sol\u00addiers\u200b left"
    n = normalize(original)
    assert n.text == "3 000 soldiers left"
    start = n.text.index("soldiers")
    end = start + len("soldiers")
    assert original[n.to_original(start) : n.original_end(end)] == "sol\u00addiers"


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(ODD)))
def test_normalize_every_character_maps_to_its_original(original):
    n = normalize(original)
    for i, ch in enumerate(n.text):
        src = original[n.to_original(i)]
        assert ch == src or (ch == " " and src.isspace()) or (ch == "\n" and src in "\u2028\u2029\x85")
    assert n.original_end(len(n.text)) <= len(original)
