"""The extracted plan as JSON: assignments in the gold schema, plus metadata, sections, targets, citations."""

from .types import ExtractedPlan, TaskRec, summarize


def _lead_and_co(task: TaskRec) -> tuple[str, str, list[str]]:
    leads = task.by_role("lead") + task.by_role("co_lead")
    if not leads:
        return "", "", []
    first = leads[0]
    return first.text, first.unit_name or first.canonical or first.text, [n.text for n in leads[1:]]


def assignment_rows(plan: ExtractedPlan) -> list[dict]:
    """One object per assignment: a task with its bodies (tasks that hold sub-items are left out)."""
    parents = {t.parent for t in plan.tasks if t.parent is not None}
    rows = []
    for index, task in enumerate(plan.tasks):
        if index in parents:
            continue
        lead, canonical, co_leads = _lead_and_co(task)
        notes = []
        if task.deadline.needs_review:
            notes.append("deadline tied to an event")
        if task.is_request:
            notes.append("request (Đề nghị)")
        if task.from_table:
            notes.append("table row")
        if task.parent is not None:
            notes.append("sub-item")
        rows.append(
            {
                "lead": lead,
                "lead_canonical": canonical,
                "co_leads": co_leads,
                "coordinators": [n.text for n in task.by_role("coordinator")],
                "executors": [n.text for n in task.by_role("executor")],
                "task": summarize(task.text),
                "text": task.text,
                "deadline_text": task.deadline.text,
                "recurrence": task.deadline.recurrence,
                "due": task.deadline.due.isoformat() if task.deadline.due else None,
                "section": task.section or "",
                "notes": "; ".join(notes),
                "span": [task.start, task.end],
                "matches": [
                    {
                        "name": n.text,
                        "role": n.role,
                        "unit": n.unit_name or None,
                        "confidence": round(n.confidence, 2),
                        "group": n.is_group,
                        "now": n.successor_names,
                    }
                    for n in task.names
                ],
            }
        )
    return rows


def citation_rows(plan: ExtractedPlan) -> list[dict]:
    seen, rows = set(), []
    for c in plan.citations:
        if c.key in seen:
            continue
        seen.add(c.key)
        rows.append(
            {
                "doc_type": c.doc_type,
                "number": c.number,
                "symbol": c.symbol,
                "date": c.issued_on.isoformat() if c.issued_on else None,
                "issuer": c.issuer or None,
                "title": c.title,
                "as_written": c.text,
            }
        )
    return rows


def plan_json(plan: ExtractedPlan) -> dict:
    return {
        "source_name": plan.source_name,
        "doc_type": plan.doc_type,
        "title": plan.title,
        "implements": plan.implements,
        "symbol": plan.symbol,
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
        "place": plan.place,
        "issuer": plan.issuer_name,
        "signer_capacity": plan.signer_capacity,
        "signer_name": plan.signer_name,
        "term": [plan.term_start, plan.term_end],
        "recipients": plan.recipients,
        "sections": [{"number": s.number, "title": s.title, "parent": s.parent} for s in plan.sections],
        "targets": [
            {
                "text": t.text,
                "subject": t.subject,
                "comparator": t.comparator,
                "value": t.value,
                "unit": t.unit,
                "period": t.period,
                "section": t.section,
            }
            for t in plan.targets
        ],
        "assignments": assignment_rows(plan),
        "citations": citation_rows(plan),
        "warnings": plan.warnings,
    }
