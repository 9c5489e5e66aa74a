"""Assembles the REST API of every app and its OpenAPI 3 schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("orgs/", include("danvan.orgs.api.urls")),
    path("documents/", include("danvan.documents.api.urls")),
    path("plans/", include("danvan.plans.api.urls")),
    path("tracking/", include("danvan.tracking.api.urls")),
    path("reporting/", include("danvan.reporting.api.urls")),
    path("indicators/", include("danvan.indicators.api.urls")),
    path("movement/", include("danvan.movement.api.urls")),
    path("citizens/", include("danvan.citizens.api.urls")),
]
