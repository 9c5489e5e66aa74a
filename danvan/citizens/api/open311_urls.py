"""Open311 GeoReport v2, mounted at /open311/v2/."""

from django.urls import path

from . import open311

app_name = "open311"
urlpatterns = [
    path("discovery.json", open311.DiscoveryView.as_view(), name="discovery"),
    path("services.json", open311.ServiceListView.as_view(), name="services"),
    path("requests.json", open311.RequestListView.as_view(), name="requests"),
    path("requests/<str:code>.json", open311.RequestDetailView.as_view(), name="request"),
]
