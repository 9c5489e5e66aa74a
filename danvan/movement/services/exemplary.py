"""Exemplary "Dân vận khéo" models: registration, awards, replication and publishing."""

from datetime import date, datetime

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.permissions import path_in_scope, sees_everything
from danvan.core.text import fold

from ..models import Award, ExemplaryModel, ModelEvidence, Replication

MODEL_FIELDS = (
    "kind",
    "name",
    "person_name",
    "field",
    "level",
    "year",
    "unit",
    "area",
    "description",
    "results",
    "proposed_by",
)
EVIDENCE_TYPES = {"pdf", "jpg", "png", "docx", "xlsx", "doc", "xls"}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def _search_text(model: ExemplaryModel) -> str:
    return " | ".join(
        fold(t)
        for t in (model.name, model.person_name, model.description, model.results, model.proposed_by)
        if t
    )


def _check_unit(actor, unit) -> None:
    if unit is None:
        raise ValidationError({"unit": _("Choose the unit the model belongs to.")})
    if not sees_everything(actor) and not path_in_scope(actor, unit.path):
        raise ValidationError({"unit": _("You can only register models of your own unit or its sub-units.")})


@transaction.atomic
def create_model(*, actor, **values) -> ExemplaryModel:
    """Register a model; an officer may only register it for their own unit or one below it."""
    _require(actor, "movement.add_exemplarymodel")
    _check_unit(actor, values.get("unit"))
    model = ExemplaryModel(**{k: v for k, v in values.items() if k in MODEL_FIELDS}, created_by=actor)
    model.search_text = _search_text(model)
    model.full_clean()
    model.save()
    return model


@transaction.atomic
def update_model(model: ExemplaryModel, *, actor, **values) -> ExemplaryModel:
    _require(actor, "movement.change_exemplarymodel", model)
    if "unit" in values:
        _check_unit(actor, values["unit"])
    for key, value in values.items():
        if key in MODEL_FIELDS:
            setattr(model, key, value)
    model.search_text = _search_text(model)
    model.full_clean()
    model.save()
    return model


@transaction.atomic
def set_published(
    model: ExemplaryModel, published: bool, *, actor, now: datetime | None = None
) -> ExemplaryModel:
    """The Board publishes a model on the public portal, or withdraws it."""
    _require(actor, "movement.publish_exemplarymodel", model)
    model.published = published
    model.published_at = (now or timezone.now()) if published else None
    model.save(update_fields=["published", "published_at", "updated_at"])
    return model


@transaction.atomic
def add_award(
    model: ExemplaryModel,
    *,
    actor,
    form: str,
    deciding_body: str,
    decision_number: str,
    decision_date: date,
    note: str = "",
) -> Award:
    _require(actor, "movement.change_exemplarymodel", model)
    award = Award(
        model=model,
        form=form,
        deciding_body=deciding_body.strip(),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        note=note,
    )
    award.full_clean()
    award.save()
    return award


@transaction.atomic
def add_replication(
    model: ExemplaryModel,
    *,
    actor,
    year: int,
    count: int = 1,
    place=None,
    place_name: str = "",
    note: str = "",
) -> Replication:
    _require(actor, "movement.change_exemplarymodel", model)
    if place is None and not place_name.strip():
        raise ValidationError({"place_name": _("Say where the model was replicated.")})
    replication = Replication(
        model=model, year=year, count=count, place=place, place_name=place_name.strip(), note=note
    )
    replication.full_clean()
    replication.save()
    return replication


@transaction.atomic
def add_model_evidence(model: ExemplaryModel, *, actor, upload) -> ModelEvidence:
    _require(actor, "movement.change_exemplarymodel", model)
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB. Send a smaller file."))
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in EVIDENCE_TYPES:
        raise ValidationError(_("Only PDF, image (JPG, PNG), Word or Excel files can be attached."))
    return ModelEvidence.objects.create(model=model, file=upload, name=upload.name[:255])
