"""Text helpers of the reader: folding, abbreviations, a same-length cleaned copy of the source."""

import re
import unicodedata

from danvan.core.text import fold  # pure Python (no Django imports)

__all__ = ["fold", "clean_for_parsing", "expand_abbreviations", "name_key", "WORD"]

WORD = r"[\wÀ-ỹĐđ]"

# Markdown emphasis, heading marks and odd spaces are blanked out character for character, so that
# offsets in the cleaned text are offsets in the source text.
_BLANK = str.maketrans({"*": " ", "\u00a0": " ", "\t": " ", "\r": " ", "\u200b": " ", "#": " ", "`": " "})


_SPACES = re.compile(r"\s+")


def clean_for_parsing(text: str) -> str:
    return text.translate(_BLANK)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Folded abbreviation -> folded expansion. Matched on whole words after folding.
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "ubmttqvn": "uy ban mat tran to quoc viet nam",
    "mttq": "mat tran to quoc",
    "mttqvn": "mat tran to quoc viet nam",
    "bcs": "ban can su",
    "btv": "ban thuong vu",
    "bch": "ban chap hanh",
    "bdv": "ban dan van",
    "btg": "ban tuyen giao",
    "btc": "ban to chuc",
    "bnc": "ban noi chinh",
    "ubkt": "uy ban kiem tra",
    "bcd": "ban chi dao",
    "vptu": "van phong tinh uy",
    "vphu": "van phong huyen uy",
    "tu": "tinh uy",
    "hu": "huyen uy",
    "tuv": "tinh uy vien",
    "ldld": "lien doan lao dong",
    "hlhpn": "hoi lien hiep phu nu",
    "lhpn": "lien hiep phu nu",
    "hnd": "hoi nong dan",
    "hccb": "hoi cuu chien binh",
    "ccb": "cuu chien binh",
    "tncs": "thanh nien cong san",
    "tn": "thanh nien",
    "ct-xh": "chinh tri xa hoi",
    "ctxh": "chinh tri xa hoi",
    "pt-th": "phat thanh va truyen hinh",
    "ptth": "phat thanh va truyen hinh",
    "qcdc": "quy che dan chu",
    "dvk": "dan van kheo",
    "tw": "trung uong",
    "ttg": "thu tuong chinh phu",
    "cp": "chinh phu",
    "ca": "cong an",
    "qs": "quan su",
    "bchqs": "bo chi huy quan su",
    "sxh": "so",
}

# Words that only mean something in context are expanded only after one of these words.
_CONTEXT_ONLY = {
    "tu": ("ban", "vu", "uy", "thuong", "dan", "giao", "chuc", "chinh"),
    "hu": ("ban", "vu"),
    "ca": ("dang uy",),
    "qs": ("dang uy",),
    "tn": ("doan",),
    "cp": ("-",),
    "sxh": (),
}
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)?")


def expand_abbreviations(folded: str) -> str:
    """'bcs dang ubnd tinh' -> 'ban can su dang uy ban nhan dan tinh' (input already folded)."""
    out: list[str] = []
    for match in _TOKEN.finditer(folded):
        token = match.group(0)
        expansion = ABBREVIATIONS.get(token)
        if expansion and token in _CONTEXT_ONLY:
            previous = " ".join(out[-2:])
            allowed = _CONTEXT_ONLY[token]
            if not allowed or not any(previous.endswith(a) for a in allowed):
                expansion = None
        if expansion is None and "-" in token:
            out.extend(token.split("-"))
            continue
        out.append(expansion or token)
    return " ".join(out)


_APPOSITION = re.compile(r"\s*[-–(]\s*(?:co quan|la co quan)\s+thuong truc.*$")
_PARENS = re.compile(r"\([^)]*\)")


def name_key(name: str) -> str:
    """Comparison key of a body name: folded, abbreviations expanded, appositions and hyphens dropped."""
    folded = fold(name)
    folded = _APPOSITION.sub("", folded)
    folded = folded.replace("–", "-")
    folded = re.sub(r"(?<=\w)\s+-\s+(?=\w)", "-", folded)
    folded = expand_abbreviations(folded)
    folded = re.sub(r"\b(cua|cac cap)\b\s*$", "", folded)
    folded = folded.replace(" - ", " ")
    return re.sub(r"\s+", " ", folded).strip(" ,.;:")
