"""Vietnamese text helpers shared by search, matching and imports (pure Python, no Django imports)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


class _FoldTable(dict):
    """str.translate table: each character → itself without diacritics (đ → d), case kept.

    Filled on first sight of a character, so folding costs one dict lookup per character."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _strip_marks(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse white space: "Ban Dân vận" → "ban dan van"."""
    text = unicodedata.normalize("NFC", text or "").translate(_FOLD)
    return _SPACES.sub(" ", text).strip().lower()


def normalize_spaces(text: str) -> str:
    """Collapse runs of white space and compose diacritics (NFC), keeping case."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
