"""Accuracy of a reading against a hand-annotated gold file (the schema of issue 3).

Assignments are paired by section and text overlap; names are compared after the same normalization
on both sides (case, diacritics, abbreviations expanded, appositions cut). Joint assignments may be
written either with an empty "lead" and all bodies in "co_leads", or with the first body as "lead":
both are read the same way (the first co-lead is promoted).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .text import fold, name_key


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def names_equal(a: str, b: str) -> bool:
    ka, kb = name_key(a or ""), name_key(b or "")
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    shorter, longer = sorted((ka, kb), key=len)
    if len(shorter.split()) >= 3 and longer.startswith(shorter + " "):
        return True
    return fuzz.ratio(ka, kb) >= 92


def _leads(row: dict) -> tuple[list[str], list[str]]:
    """(lead names, other co-lead names) with the first co-lead promoted when no lead is written."""
    lead = (row.get("lead") or "").strip()
    canonical = (row.get("lead_canonical") or "").strip()
    co = [c for c in row.get("co_leads") or [] if c and c.strip()]
    if not lead and co:
        lead, co = co[0], co[1:]
        canonical = ""
    return ([lead, canonical] if lead else []), co


def _lead_match(g: dict, p: dict) -> bool:
    gl, _ = _leads(g)
    pl, _ = _leads(p)
    return bool(gl and pl) and any(names_equal(a, b) for a in gl for b in pl if a and b)


def _set_score(gold: list[str], pred: list[str], score: Score) -> None:
    remaining = list(pred)
    for g in gold:
        hit = next((p for p in remaining if names_equal(g, p)), None)
        if hit is None:
            score.fn += 1
        else:
            score.tp += 1
            remaining.remove(hit)
    score.fp += len(remaining)


def _section_ok(a: str, b: str) -> bool:
    a, b = (a or "").strip(" ."), (b or "").strip(" .")
    return not a or not b or a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _text(row: dict) -> str:
    return fold(row.get("task") or "").rstrip(" ….")


def pair(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    candidates = []
    for gi, g in enumerate(gold):
        gt = _text(g)
        for pi, p in enumerate(pred):
            if not _section_ok(g.get("section", ""), p.get("section", "")):
                continue
            pt = _text(p)
            score = fuzz.ratio(gt, pt)
            full = fold(p.get("text") or "")
            if full and gt:
                score = max(score, fuzz.partial_ratio(gt, full[: len(gt) + 60]) - 3)
            if g.get("text") and p.get("text"):
                score = max(score, fuzz.ratio(fold(g["text"]), full))
            if (g.get("section") or "") == (p.get("section") or ""):
                score += 5
            if score >= 65:
                candidates.append((score, gi, pi))
    candidates.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def evaluate(gold: list[dict], pred: list[dict]) -> dict:
    pairs = pair(gold, pred)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    detection = Score(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))
    lead, co_coord, co_leads, coords, executors = Score(), Score(), Score(), Score(), Score()
    recurrence_ok = due_ok = 0
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        gl, gco = _leads(g)
        pl, pco = _leads(p)
        if gl and pl and _lead_match(g, p):
            lead.tp += 1
        else:
            lead.fn += bool(gl)
            lead.fp += bool(pl)
        _set_score(gco + list(g.get("coordinators") or []), pco + list(p.get("coordinators") or []), co_coord)
        _set_score(gco, pco, co_leads)
        _set_score(list(g.get("coordinators") or []), list(p.get("coordinators") or []), coords)
        if "executors" in g:
            _set_score(list(g.get("executors") or []), list(p.get("executors") or []), executors)
        recurrence_ok += (g.get("recurrence") or "ongoing") == (p.get("recurrence") or "ongoing")
        due_ok += (g.get("due") or None) == (p.get("due") or None)
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            gl, gco = _leads(g)
            lead.fn += bool(gl)
            co_coord.fn += len(gco) + len(g.get("coordinators") or [])
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            pl, pco = _leads(p)
            lead.fp += bool(pl)
            co_coord.fp += len(pco) + len(p.get("coordinators") or [])
    n = len(pairs) or 1
    return {
        "gold": len(gold),
        "predicted": len(pred),
        "matched": len(pairs),
        "assignments": detection.as_dict(),
        "lead": lead.as_dict(),
        "co_leads_coordinators": co_coord.as_dict(),
        "co_leads": co_leads.as_dict(),
        "coordinators": coords.as_dict(),
        "executors": executors.as_dict(),
        "recurrence_accuracy": round(recurrence_ok / n, 4),
        "due_accuracy": round(due_ok / n, 4),
        "unmatched_gold": [gold[i].get("task") for i in range(len(gold)) if i not in matched_g],
        "unmatched_predicted": [pred[i].get("task") for i in range(len(pred)) if i not in matched_p],
    }


def _symbol_key(symbol: str) -> str:
    return fold(symbol or "").replace(" ", "").replace("đ", "d")


def _same_document(g: dict, p: dict) -> bool:
    if g.get("symbol"):
        return _symbol_key(g["symbol"]) == _symbol_key(p.get("symbol", ""))
    return not p.get("symbol") and fold(g.get("title", "")) == fold(p.get("title", ""))


def evaluate_citations(gold: list[dict], pred: list[dict]) -> dict:
    score = Score()
    date_ok = date_n = issuer_ok = issuer_n = 0
    remaining = list(pred)
    for g in gold:
        hit = next((p for p in remaining if _same_document(g, p)), None)
        if hit is None:
            score.fn += 1
            continue
        score.tp += 1
        remaining.remove(hit)
        if g.get("date") is not None or hit.get("date") is not None:
            date_n += 1
            date_ok += g.get("date") == hit.get("date")
        if g.get("issuer"):
            issuer_n += 1
            issuer_ok += names_equal(g["issuer"], hit.get("issuer") or "") or fold(g["issuer"]) == fold(
                hit.get("issuer") or ""
            )
    score.fp += len(remaining)
    return {
        "documents": score.as_dict(),
        "date_accuracy": round(date_ok / date_n, 4) if date_n else 1.0,
        "issuer_accuracy": round(issuer_ok / issuer_n, 4) if issuer_n else 1.0,
        "missed": [
            g.get("symbol") or g.get("title")
            for g in gold
            if not any(_symbol_key(g.get("symbol", "")) == _symbol_key(p.get("symbol", "")) for p in pred)
        ],
        "extra": [p.get("symbol") or p.get("title") for p in remaining],
    }
