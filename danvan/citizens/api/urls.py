from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("petitions", views.PetitionViewSet, basename="petition")
router.register("time-limits", views.TimeLimitRuleViewSet, basename="timelimitrule")
router.register("holidays", views.HolidayViewSet, basename="holiday")
router.register("sessions", views.ReceptionSessionViewSet, basename="receptionsession")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("meeting-items", views.MeetingItemViewSet, basename="meetingitem")
urlpatterns = [path("statistics/", views.StatisticsView.as_view(), name="citizens-statistics"), *router.urls]
