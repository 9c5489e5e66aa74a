from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("danvan.core.urls")),
    path("orgs/", include("danvan.orgs.urls")),
    path("documents/", include("danvan.documents.urls")),
    path("plans/", include("danvan.plans.urls")),
    path("tracking/", include("danvan.tracking.urls")),
    path("reporting/", include("danvan.reporting.urls")),
    path("indicators/", include("danvan.indicators.urls")),
    path("movement/", include("danvan.movement.urls")),
    path("citizens/", include("danvan.citizens.urls")),
    path("public/", include("danvan.portal.urls")),
    path("open311/v2/", include("danvan.citizens.api.open311_urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("api/", include("danvan.api.urls")),
    path("admin/", admin.site.urls),
]
