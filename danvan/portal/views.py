"""Public pages: submit, follow by tracking code, public statistics; no account and no personal data."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from danvan.citizens import services
from danvan.citizens.choices import Channel

from .forms import FollowForm, SubmitForm


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def health(request):
    """The project's minimal endpoint: a plain "ok" through the full middleware stack, no database and
    no template (the baseline of the submission benchmark)."""
    return HttpResponse("ok", content_type="text/plain")


class IndexView(TemplateView):
    template_name = "portal/index.html"


class SubmitView(FormView):
    template_name = "portal/submit.html"
    form_class = SubmitForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(limits=services.submission_limits(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if data.get("website"):
            # A robot filled the hidden field: answer as if accepted, store nothing.
            return render(self.request, "portal/submitted.html", {"code": None})
        try:
            # Only the intake row (and its job) is written here; the job registers the petition.
            intake = services.receive_submission(
                address=client_address(self.request),
                channel=Channel.PORTAL,
                petition_type=data["petition_type"],
                subject=data["subject"],
                content=data["content"],
                topic=data["topic"],
                location_unit=data.get("location_unit"),
                address_text=data["address_text"],
                sender={"full_name": data["full_name"], "phone": data["phone"], "email": data["email"]},
                is_anonymous=not data["full_name"].strip(),
                upload=data.get("attachment"),
            )
        except services.TooManySubmissions:
            form.add_error(None, _("Too many submissions from your address. Please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return render(self.request, "portal/submitted.html", {"code": intake.code})


class FollowView(TemplateView):
    """Status and public answer only, looked up by the tracking code."""

    template_name = "portal/follow.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FollowForm(self.request.GET or None)
        petition = None
        if form.is_valid():
            petition = services.find_by_code(form.cleaned_data["code"])
            if petition is None:
                form.add_error("code", _("No petition has this tracking code. Check the code and try again."))
        context.update(form=form, petition=petition)
        return context


class StatisticsView(TemplateView):
    template_name = "portal/statistics.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(stats=services.public_statistics(), public=True, **kwargs)
