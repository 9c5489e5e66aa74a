from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("import/", views.PlanImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.ImportStatusView.as_view(), name="import_status"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan"),
    path("<int:pk>/review/", views.PlanReviewView.as_view(), name="review"),
    path("<int:pk>/activate/", views.PlanActivateView.as_view(), name="activate"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task"),
    path("tasks/<int:pk>/review/", views.TaskReviewView.as_view(), name="task_review"),
]
