from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.ReportListView.as_view(), name="index"),
    path("periods/add/", views.PeriodCreateView.as_view(), name="period_add"),
    path("periods/<int:pk>/", views.PeriodDetailView.as_view(), name="period"),
    path("periods/<int:pk>/bodies/<int:unit_pk>/", views.ReportStartView.as_view(), name="report_start"),
    path("periods/<int:pk>/completeness/", views.CompletenessView.as_view(), name="completeness"),
    path(
        "periods/<int:pk>/completeness/xlsx/",
        views.CompletenessExportView.as_view(),
        name="completeness_export",
    ),
    path("periods/<int:pk>/remind/", views.RemindView.as_view(), name="remind"),
    path("periods/<int:pk>/exempt/", views.ExemptView.as_view(), name="exempt"),
    path("periods/<int:pk>/add-body/", views.AddBodyView.as_view(), name="add_body"),
    path("periods/<int:pk>/consolidated/", views.ConsolidatedStartView.as_view(), name="consolidated_start"),
    path("completeness/", views.CompletenessIndexView.as_view(), name="completeness_index"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("reports/<int:pk>/save/", views.ReportSaveView.as_view(), name="report_save"),
    path("reports/<int:pk>/submit/", views.ReportSubmitView.as_view(), name="report_submit"),
    path("reports/<int:pk>/return/", views.ReportReturnView.as_view(), name="report_return"),
    path("reports/<int:pk>/accept/", views.ReportAcceptView.as_view(), name="report_accept"),
    path("reports/<int:pk>/reopen/", views.ReportReopenView.as_view(), name="report_reopen"),
    path("reports/<int:pk>/attachments/", views.AttachmentAddView.as_view(), name="attachment_add"),
    path("reports/<int:pk>/difficulties/", views.DifficultyAddView.as_view(), name="difficulty_add"),
    path("attachments/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("decisions/", views.DecisionListView.as_view(), name="decision_list"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision"),
    path("consolidated/<int:pk>/", views.ConsolidatedDetailView.as_view(), name="consolidated"),
    path("consolidated/<int:pk>/<str:fmt>/", views.ConsolidatedFileView.as_view(), name="consolidated_file"),
]
