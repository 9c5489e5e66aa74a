from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("audit/", views.AuditSearchView.as_view(), name="audit"),
    path("language/<str:code>/", views.choose_language, name="language"),
]
