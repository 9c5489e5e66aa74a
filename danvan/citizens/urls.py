from django.urls import path

from . import views

app_name = "citizens"
urlpatterns = [
    path("", views.PetitionListView.as_view(), name="petition_list"),
    path("assigned/", views.AssignedListView.as_view(), name="assigned_list"),
    path("export.csv", views.PetitionExportView.as_view(), name="petition_export"),
    path("new/", views.PetitionCreateView.as_view(), name="petition_add"),
    path("<int:pk>/", views.PetitionDetailView.as_view(), name="petition"),
    path("<int:pk>/classify/", views.ClassifyView.as_view(), name="petition_classify"),
    path("<int:pk>/route/", views.RouteView.as_view(), name="petition_route"),
    path("<int:pk>/accept/", views.AcceptView.as_view(), name="petition_accept"),
    path("<int:pk>/extend/", views.ExtendView.as_view(), name="petition_extend"),
    path("<int:pk>/answer/", views.AnswerView.as_view(), name="petition_answer"),
    path("<int:pk>/sender/", views.RevealSenderView.as_view(), name="petition_sender"),
    path("<int:pk>/duplicates/", views.LinkDuplicateView.as_view(), name="petition_link"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("time-limits/", views.RuleListView.as_view(), name="rule_list"),
    path("time-limits/<int:pk>/", views.RuleUpdateView.as_view(), name="rule_edit"),
    path("time-limits/<int:pk>/new-version/", views.RuleVersionView.as_view(), name="rule_version"),
    path("holidays/", views.HolidayListView.as_view(), name="holiday_list"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_add"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting_add"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
]
