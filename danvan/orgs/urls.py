from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("new/", views.UnitCreateView.as_view(), name="unit_add"),
    path("export.csv", views.UnitExportView.as_view(), name="unit_export"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit"),
    path("<int:pk>/aliases/", views.AliasAddView.as_view(), name="alias_add"),
]
