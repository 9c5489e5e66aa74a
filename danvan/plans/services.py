"""Rules for plans: reading a document, matching its bodies to the registry, saving and reviewing it.

Reading (plans/extract/) is pure Python; this module adds the database: the org registry used for
matching, the document registry for citations, and one transaction per save.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.documents.services import register_document
from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit

from .choices import AssignmentRole, PlanStatus, Recurrence
from .extract import ExtractedPlan, ReadError, read_bytes, read_plan
from .extract.matching import ACCEPT, Candidate, Registry
from .extract.types import summarize
from .models import Assignment, Citation, Plan, PlanImport, PlanTarget, Section, Task


def read_error_message(error: ReadError) -> str:
    """A Vietnamese (via the catalog) message that names the file and says what to do."""
    messages = {
        "empty": _("The file “%(name)s” is empty: choose the file that contains the plan's text."),
        "unreadable": _(
            "The file “%(name)s” cannot be read (it is damaged or protected). Save it again as "
            ".docx, .pdf or .txt and upload it again."
        ),
        "wrong_type": _(
            "The file “%(name)s” is not a supported type. Upload a .txt, .md, .docx or .pdf file."
        ),
        "scanned": _(
            "The PDF “%(name)s” has no text layer (it is a scanned image). Upload the .docx file or a "
            "PDF with text."
        ),
        "too_large": _("The file “%(name)s” is larger than 20 MB. Upload the plan's text only."),
    }
    return messages.get(error.code, messages["unreadable"]) % {"name": error.name}


def read_document(data: bytes, name: str) -> ExtractedPlan:
    """Read a plan file into an ExtractedPlan; a bad file raises ValidationError and saves nothing."""
    try:
        text = read_bytes(data, name)
    except ReadError as error:
        raise ValidationError(read_error_message(error), code=error.code) from error
    extracted = read_plan(text, name)
    if not extracted.tasks and not extracted.sections:
        raise ValidationError(
            _("No section or assignment was found in “%(name)s”. Check that it is a plan document.")
            % {"name": name},
            code="no_plan",
        )
    return extracted


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


# -- registry matching -------------------------------------------------------------------------------


def build_registry() -> Registry:
    """Every unit of the org registry (open or closed) with its aliases, for name matching."""
    candidates = []
    places = []
    units = OrgUnit.objects.prefetch_related("aliases").only(
        "id", "name", "short_name", "kind", "valid_from", "valid_to"
    )
    for unit in units:
        if unit.kind == OrgKind.PROVINCE:
            places.append(unit.name.replace("Tỉnh ", "").replace("Thành phố ", ""))
        if unit.kind in (OrgKind.DISTRICT, OrgKind.COMMUNE, OrgKind.HAMLET):
            continue
        names = [unit.name, unit.short_name, *(a.name for a in unit.aliases.all())]
        candidates.append(
            Candidate(
                unit_id=unit.pk,
                name=unit.name,
                names=[n for n in names if n],
                valid_from=unit.valid_from,
                valid_to=unit.valid_to,
                is_group=unit.kind == OrgKind.GROUP,
            )
        )
    return Registry(candidates, tuple(places))


def plan_date(extracted: ExtractedPlan) -> date:
    """The date names are matched on: the issue date, else the start of the term, else today."""
    if extracted.issued_on:
        return extracted.issued_on
    if extracted.term_start:
        return (
            date(extracted.term_start + 1, 1, 1)
            if extracted.term_end != extracted.term_start
            else date(extracted.term_start, 1, 1)
        )
    return timezone.localdate()


def match_bodies(extracted: ExtractedPlan, registry: Registry | None = None) -> ExtractedPlan:
    """Fill unit, confidence and current successor of every name; unmatched names stay, flagged."""
    from danvan.orgs.services import current_holders

    registry = registry or build_registry()
    on = plan_date(extracted)
    units: dict[int, OrgUnit] = {}
    successors: dict[int, list[str]] = {}
    for task in extracted.tasks:
        for name in task.names:
            found = registry.match(name.canonical or name.text, on)
            name.is_group = name.is_group or found.is_group
            name.confidence = found.confidence
            if found.candidate is None:
                continue
            name.unit_id = found.unit_id
            name.unit_name = found.candidate.name
            if found.candidate.valid_to is not None:
                if name.unit_id not in successors:
                    unit = units.get(name.unit_id) or OrgUnit.objects.get(pk=name.unit_id)
                    successors[name.unit_id] = [u.name for u in current_holders(unit) if u.pk != unit.pk]
                name.successor_names = successors[name.unit_id]
    issuer = registry.match(extracted.issuer_name, on) if extracted.issuer_name else None
    extracted.issuer_match = issuer  # type: ignore[attr-defined]
    return extracted


# -- saving --------------------------------------------------------------------------------------------


def find_existing(extracted: ExtractedPlan, sha256: str) -> Plan | None:
    """The plan already imported from this document: same text, or same symbol and issuer."""
    query = Q(source_sha256=sha256)
    if extracted.symbol and extracted.issuer_name:
        query |= Q(symbol=extracted.symbol, issuer_name=extracted.issuer_name)
    return Plan.objects.filter(query).order_by("id").first()


class DuplicatePlan(ValidationError):
    def __init__(self, plan: Plan):
        super().__init__(
            _("This document was already imported as the plan “%(plan)s”. Update that plan instead.")
            % {"plan": plan},
            code="duplicate",
        )
        self.plan = plan


@transaction.atomic
def save_extracted_plan(extracted: ExtractedPlan, *, actor, update_plan: Plan | None = None) -> Plan:
    """Write plan, sections, tasks, assignments, targets and citations in one transaction.

    A document imported before (same text, or same symbol and issuer) is never duplicated: the caller
    must pass `update_plan` to rewrite that plan's content in place.
    """
    sha = fingerprint(extracted.source_text)
    existing = find_existing(extracted, sha)
    if existing is not None and (update_plan is None or existing.pk != update_plan.pk):
        raise DuplicatePlan(existing)
    plan = update_plan or Plan(created_by=actor if getattr(actor, "pk", None) else None)
    issuer = getattr(extracted, "issuer_match", None)
    plan.title = extracted.title or extracted.source_name or _("Untitled plan")
    plan.doc_type = extracted.doc_type
    plan.symbol = extracted.symbol
    plan.issued_on = extracted.issued_on
    plan.place = extracted.place
    plan.issuer_name = extracted.issuer_name[:255]
    plan.issuer_id = issuer.unit_id if issuer is not None and issuer.confidence >= ACCEPT else None
    plan.signer_capacity = extracted.signer_capacity[:255]
    plan.signer_name = extracted.signer_name[:255]
    plan.implements = extracted.implements
    plan.term_start, plan.term_end = extracted.term_start, extracted.term_end
    plan.recipients = extracted.recipients
    plan.source_name = extracted.source_name[:255]
    plan.source_text = extracted.source_text
    plan.source_sha256 = sha
    plan.save()
    if update_plan is not None:
        try:
            plan.citations.all().delete()
            plan.targets.all().delete()
            plan.tasks.all().delete()
            plan.sections.all().delete()
        except ProtectedError as error:
            raise ValidationError(
                _("The plan already has tracked work attached to its tasks; it cannot be replaced."),
                code="protected",
            ) from error

    sections: dict[str, Section] = {}
    for record in extracted.sections:
        sections[record.number] = Section.objects.create(
            plan=plan,
            parent=sections.get(record.parent or ""),
            number=record.number[:32],
            title=record.title,
            order=record.order,
        )
    tasks: list[Task] = []
    for order, record in enumerate(extracted.tasks):
        deadline = record.deadline
        task = Task.objects.create(
            plan=plan,
            section=sections.get(record.section or ""),
            parent=tasks[record.parent] if record.parent is not None and record.parent < len(tasks) else None,
            text=record.text,
            summary=summarize(record.text)[:255],
            recurrence=deadline.recurrence,
            due_date=deadline.due if deadline.recurrence == Recurrence.ONCE else None,
            deadline_text=(deadline.text or "")[:255],
            deadline_needs_review=deadline.needs_review,
            source_start=record.start,
            source_end=record.end,
            order=order,
        )
        tasks.append(task)
        # One save per assignment (not bulk_create): each is audited, and tracking gives the task's
        # occurrences their lead body when the lead assignment is saved.
        for i, name in enumerate(record.names):
            Assignment.objects.create(
                task=task,
                unit_id=name.unit_id if name.confidence >= 0.75 else None,
                name_as_written=name.text[:255],
                role=name.role,
                match_confidence=min(1.0, name.confidence),
                is_group=name.is_group,
                order=i,
            )
    for order, target in enumerate(extracted.targets):
        try:
            value = Decimal(target.value)
        except InvalidOperation:
            continue
        PlanTarget.objects.create(
            plan=plan,
            section=sections.get(target.section or ""),
            text=target.text,
            subject=target.subject,
            comparator=target.comparator,
            value=value,
            unit=target.unit,
            period=target.period,
            source_start=target.start,
            source_end=target.end,
            order=order,
        )
    for index, citation in enumerate(extracted.citations):
        document = register_document(
            doc_type=citation.doc_type,
            number=citation.number,
            symbol=citation.symbol,
            issued_on=citation.issued_on,
            issuer_name=citation.issuer,
            title=citation.title,
        )
        owner = next((tasks[i] for i, t in enumerate(extracted.tasks) if index in t.citations), None)
        Citation.objects.create(
            plan=plan,
            task=owner,
            document=document,
            text_as_written=citation.text,
            source_start=citation.start,
            source_end=citation.end,
        )
    return plan


def import_file(data: bytes, name: str, *, actor, update_plan: Plan | None = None, dry_run: bool = False):
    """Read, match and (unless dry_run) save a plan file; returns (extracted, plan or None)."""
    extracted = read_document(data, name)
    match_bodies(extracted)
    if dry_run:
        return extracted, None
    return extracted, save_extracted_plan(extracted, actor=actor, update_plan=update_plan)


def run_import(import_id: int) -> PlanImport:
    """The background job's work: read the uploaded file, match names, save a draft plan, with progress."""
    job = PlanImport.objects.get(pk=import_id)
    job.state, job.progress = PlanImport.State.READING, 10
    job.save(update_fields=["state", "progress", "updated_at"])
    try:
        extracted = read_document(bytes(job.data), job.file_name)
        PlanImport.objects.filter(pk=job.pk).update(progress=50)
        match_bodies(extracted)
        PlanImport.objects.filter(pk=job.pk).update(progress=80)
        plan = save_extracted_plan(extracted, actor=job.created_by, update_plan=job.replaces)
    except ValidationError as error:
        job.state, job.error, job.progress = PlanImport.State.FAILED, " ".join(error.messages), 100
        job.save(update_fields=["state", "error", "progress", "updated_at"])
        return job
    job.state, job.plan, job.progress = PlanImport.State.READ, plan, 100
    job.save(update_fields=["state", "plan", "progress", "updated_at"])
    return job


# -- review --------------------------------------------------------------------------------------------


@transaction.atomic
def update_task(
    task: Task,
    *,
    actor,
    section: Section | None,
    recurrence: str,
    due_date,
    deadline_text: str,
    assignments: list[dict],
) -> Task:
    """Save a reviewer's corrections of one task and its assignments together.

    `assignments`: [{"id": int|None, "unit": OrgUnit|None, "name_as_written": str, "role": str,
    "delete": bool}].
    """
    if recurrence != Recurrence.ONCE:
        due_date = None
    if section is not None and section.plan_id != task.plan_id:
        raise ValidationError(_("The section belongs to another plan."))
    kept = [a for a in assignments if not a.get("delete") and (a.get("unit") or a.get("name_as_written"))]
    if not any(a["role"] in (AssignmentRole.LEAD, AssignmentRole.CO_LEAD) for a in kept):
        raise ValidationError(_("A task needs a lead or at least one co-lead."), code="no_lead")
    if sum(1 for a in kept if a["role"] == AssignmentRole.LEAD) > 1:
        raise ValidationError(_("A task has one lead; record the others as co-leads."), code="two_leads")
    task.section, task.recurrence, task.due_date = section, recurrence, due_date
    task.deadline_text = deadline_text[:255]
    task.deadline_needs_review = False
    task.save()
    existing = {a.pk: a for a in task.assignments.all()}
    for order, data in enumerate(assignments):
        current = existing.get(data.get("id"))
        if data.get("delete") or not (data.get("unit") or data.get("name_as_written")):
            if current is not None:
                current.delete()
            continue
        unit = data.get("unit")
        name = (data.get("name_as_written") or (unit.name if unit else ""))[:255]
        if current is None:
            current = Assignment(task=task)
        changed_unit = current.unit_id != (unit.pk if unit else None)
        current.unit, current.name_as_written, current.role, current.order = unit, name, data["role"], order
        if changed_unit:
            current.match_confidence = 1.0 if unit else 0.0
            current.is_group = bool(unit and unit.kind == OrgKind.GROUP)
        current.save()
    return task


@transaction.atomic
def activate_plan(plan: Plan, *, actor) -> Plan:
    plan.status = PlanStatus.ACTIVE
    plan.save(update_fields=["status", "updated_at"])
    return plan
