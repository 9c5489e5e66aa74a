"""Vietnamese text helpers shared by search, matching and imports."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse white space: "Ban Dân vận" → "ban dan van"."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text).strip().lower()


def normalize_spaces(text: str) -> str:
    """Collapse runs of white space and compose diacritics (NFC), keeping case."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
