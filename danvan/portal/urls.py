from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("submit/", views.SubmitView.as_view(), name="submit"),
    path("follow/", views.FollowView.as_view(), name="follow"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("models/", views.PublicModelListView.as_view(), name="models"),
    path("models/<int:pk>/", views.PublicModelDetailView.as_view(), name="model"),
    path("progress/", views.PublicProgressView.as_view(), name="progress"),
    path("health/", views.health, name="health"),
]
