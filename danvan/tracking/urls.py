from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("overview/export.xlsx", views.ExportView.as_view(), name="export"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("occurrences/<int:pk>/", views.OccurrenceView.as_view(), name="occurrence"),
    path("occurrences/<int:pk>/progress/", views.ProgressAddView.as_view(), name="progress_add"),
    path("occurrences/<int:pk>/comment/", views.CommentAddView.as_view(), name="comment_add"),
    path("occurrences/<int:pk>/remind/", views.ReminderSendView.as_view(), name="reminder_send"),
    path("occurrences/<int:pk>/subtasks/", views.SubtaskAddView.as_view(), name="subtask_add"),
    path("occurrences/<int:pk>/delegate/", views.DelegateView.as_view(), name="delegate"),
    path("tasks/<int:task_id>/", views.TaskView.as_view(), name="task"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/<int:pk>/", views.NotificationOpenView.as_view(), name="notification_open"),
    path("calendar/", views.FeedListView.as_view(), name="feeds"),
    path("calendar/<str:token>.ics", views.FeedIcsView.as_view(), name="feed_ics"),
]
