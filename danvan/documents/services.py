"""Registry of cited documents: one Document per symbol (or type and title), shared by the plans citing it."""

import re

from django.db import transaction

from danvan.core.text import fold

from .models import Document


def document_key(*, doc_type: str, symbol: str = "", title: str = "") -> str:
    """'25-NQ/TW' → 'resolution:25-nq/tw'; a law cited by name → 'law:tiep cong dan'."""
    if symbol:
        compact = re.sub(r"\s+", "", fold(symbol))
        return f"{doc_type}:{compact}"[:160]
    return f"{doc_type}:{fold(title)}"[:160]


@transaction.atomic
def register_document(
    *,
    doc_type: str,
    number: str = "",
    symbol: str = "",
    issued_on=None,
    issuer_name: str = "",
    title: str = "",
) -> Document:
    """Find the document by its key, filling in what the new citation knows; create it otherwise."""
    key = document_key(doc_type=doc_type, symbol=symbol, title=title)
    document = Document.objects.filter(key=key).first()
    if document is None:
        return Document.objects.create(
            doc_type=doc_type,
            number=number,
            symbol=symbol,
            issued_on=issued_on,
            issuer_name=issuer_name[:255],
            title=title,
            key=key,
        )
    changed = []
    for field, value in (
        ("issued_on", issued_on),
        ("issuer_name", issuer_name[:255]),
        ("title", title),
        ("number", number),
    ):
        if value and not getattr(document, field):
            setattr(document, field, value)
            changed.append(field)
    if changed:
        document.save(update_fields=[*changed, "updated_at"])
    return document
