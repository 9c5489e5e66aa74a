from django import forms
from django.utils.translation import gettext_lazy as _


class AliasForm(forms.Form):
    names = forms.CharField(
        label=_("New aliases"),
        help_text=_("One alias per line, e.g. “UBND tỉnh”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or alias"), required=False)
    closed = forms.BooleanField(label=_("Include units that have ended"), required=False)
