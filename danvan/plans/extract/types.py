"""Plain data of a plan read from a document; no Django here so the reader stays fast and testable."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class Name:
    """One body named in the text, with its role in the task."""

    text: str  # as written
    role: str  # lead, co_lead, coordinator, executor
    canonical: str = ""  # abbreviations expanded, appositions cut
    is_group: bool = False
    start: int | None = None
    end: int | None = None
    # Filled by registry matching (plans/extract/matching.py).
    unit_id: int | None = None
    unit_name: str = ""
    confidence: float = 0.0
    successor_names: list[str] = field(default_factory=list)


@dataclass
class Deadline:
    recurrence: str = "ongoing"
    due: date | None = None
    text: str | None = None
    needs_review: bool = False


@dataclass
class SectionRec:
    number: str  # "III.2"
    title: str
    level: int
    start: int
    end: int
    parent: str | None = None  # number of the parent section
    order: int = 0


@dataclass
class TaskRec:
    text: str
    section: str | None
    start: int
    end: int
    names: list[Name] = field(default_factory=list)
    deadline: Deadline = field(default_factory=Deadline)
    parent: int | None = None  # index of the parent task (sub-items)
    is_request: bool = False  # "Đề nghị …": addressed to a body the issuer cannot command
    from_table: bool = False
    citations: list[int] = field(default_factory=list)  # indexes into ExtractedPlan.citations

    @property
    def summary(self) -> str:
        return summarize(self.text)

    def by_role(self, role: str) -> list[Name]:
        return [n for n in self.names if n.role == role]


@dataclass
class TargetRec:
    text: str
    subject: str
    comparator: str
    value: str  # decimal as text
    unit: str
    period: str
    section: str | None
    start: int
    end: int


@dataclass
class CitationRec:
    doc_type: str  # DocumentType value
    type_label: str  # "Nghị quyết"
    number: str
    symbol: str
    issued_on: date | None
    issuer: str
    title: str
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        from .text import fold

        if self.symbol:
            return f"{self.doc_type}:{fold(self.symbol).replace(' ', '')}"
        return f"{self.doc_type}:{fold(self.title)}"


@dataclass
class ExtractedPlan:
    source_text: str
    source_name: str = ""
    doc_type: str = ""
    title: str = ""
    implements: str = ""
    symbol: str = ""
    issued_on: date | None = None
    place: str = ""
    issuer_name: str = ""
    signer_capacity: str = ""
    signer_name: str = ""
    term_start: int | None = None
    term_end: int | None = None
    recipients: list[dict] = field(default_factory=list)
    sections: list[SectionRec] = field(default_factory=list)
    tasks: list[TaskRec] = field(default_factory=list)
    targets: list[TargetRec] = field(default_factory=list)
    citations: list[CitationRec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("source_text")
        return data


def summarize(text: str, words: int = 15) -> str:
    parts = text.split()
    out = " ".join(parts[:words])
    return out + (" …" if len(parts) > words else "")
