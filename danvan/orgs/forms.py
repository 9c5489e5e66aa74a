"""Forms of the orgs app; they check input and hand it to orgs.services, which saves it."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode

from danvan.core.text import fold, normalize_spaces

from .choices import OrgKind
from .models import OrgAlias, OrgUnit


def _alias_lines(text: str) -> list[str]:
    return [normalize_spaces(line) for line in (text or "").splitlines() if line.strip()]


def _check_alias_lines(names: list[str], *, unit: OrgUnit | None = None) -> list[str]:
    """Form-level check with the same outcome as the service: one clear message per bad alias."""
    errors, seen = [], set()
    for name in names:
        key = fold(name)
        if key in seen:
            errors.append(gettext("The alias “%(alias)s” is listed twice.") % {"alias": name})
            continue
        seen.add(key)
        owner = OrgAlias.objects.filter(normalized=key).select_related("unit").first()
        if owner and owner.unit != unit:
            errors.append(
                gettext("The alias “%(alias)s” is already used by “%(unit)s”. Choose another alias.")
                % {"alias": name, "unit": owner.unit.name}
            )
    if errors:
        raise forms.ValidationError(errors)
    return names


class AliasForm(forms.Form):
    names = forms.CharField(
        label=_("New aliases"),
        help_text=_("One alias per line, e.g. “UBND tỉnh”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, unit: OrgUnit | None = None, **kwargs) -> None:
        self.unit = unit
        super().__init__(*args, **kwargs)

    def clean_names(self) -> list[str]:
        return _check_alias_lines(_alias_lines(self.cleaned_data["names"]), unit=self.unit)


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or alias"), required=False)
    closed = forms.BooleanField(label=_("Show units that have ended in the tree"), required=False)


class OrgUnitForm(forms.ModelForm):
    """A new body or administrative unit with its aliases (coordinators and administrators)."""

    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        help_text=_("One alias per line, e.g. “UBND tỉnh”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = OrgUnit
        fields = ["name", "short_name", "kind", "parent", "territory", "code", "code_source", "valid_from"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, parents=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        open_units = OrgUnit.objects.active()
        self.fields["parent"].queryset = parents if parents is not None else open_units
        self.fields["territory"].queryset = open_units.filter(kind__in=OrgKind.administrative())
        self.fields["kind"].initial = OrgKind.STATE_BODY

    def clean_name(self) -> str:
        return normalize_spaces(self.cleaned_data["name"])

    def clean_aliases(self) -> list[str]:
        return _check_alias_lines(_alias_lines(self.cleaned_data.get("aliases", "")))

    def clean(self) -> dict:
        data = super().clean()
        code = (data.get("code") or "").strip()
        if code:
            source = data.get("code_source") or ""
            other = OrgUnit.objects.active().filter(code=code, code_source=source).first()
            if other is not None:
                self.add_error(
                    "code",
                    gettext(
                        "The official code “%(code)s” is already used by “%(unit)s”. "
                        "Check the code or its source."
                    )
                    % {"code": code, "unit": other.name},
                )
        return data

    def validate_unique(self) -> None:
        """Skipped: clean() names the unit holding a duplicate code, and the service validates
        every constraint again when it saves (so a generic message is not shown twice)."""

    def unit_fields(self) -> dict:
        """Keyword arguments for services.create_unit, with a free key derived from the name."""
        data = {field: self.cleaned_data.get(field) for field in self.Meta.fields}
        for text_field in ("short_name", "code", "code_source"):
            data[text_field] = data[text_field] or ""
        data["key"] = free_key(data["name"])
        data["aliases"] = self.cleaned_data.get("aliases", [])
        return data


def free_key(name: str) -> str:
    """A key not yet taken, from the name: "Sở Nội vụ" → "so-noi-vu" (then "so-noi-vu-2", …)."""
    base = slugify(unidecode(name))[:100] or "unit"
    key, n = base, 1
    while OrgUnit.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key
