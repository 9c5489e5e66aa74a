from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export.xlsx", views.ExportView.as_view(), name="export"),
    path("compute/", views.ComputeView.as_view(), name="compute"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator"),
    path("<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("values/<int:pk>/", views.IndicatorValueView.as_view(), name="value"),
    path("criteria/", views.CriteriaSetListView.as_view(), name="criteria_set_list"),
    path("criteria/new/", views.CriteriaSetCreateView.as_view(), name="criteria_set_new"),
    path("criteria/<int:pk>/", views.CriteriaSetDetailView.as_view(), name="criteria_set"),
    path("criteria/<int:pk>/revise/", views.CriteriaSetReviseView.as_view(), name="criteria_set_revise"),
    path("criteria/<int:pk>/parts/", views.PartAddView.as_view(), name="part_add"),
    path("criteria/parts/<int:part_pk>/new/", views.CriterionFormView.as_view(), name="criterion_add"),
    path("criteria/parts/<int:pk>/edit/", views.PartEditView.as_view(), name="part_edit"),
    path("criteria/parts/<int:pk>/delete/", views.PartDeleteView.as_view(), name="part_delete"),
    path("criteria/parts/<int:pk>/move/", views.PartMoveView.as_view(), name="part_move"),
    path("criteria/criterion/<int:pk>/", views.CriterionFormView.as_view(), name="criterion_edit"),
    path("criteria/criterion/<int:pk>/delete/", views.CriterionDeleteView.as_view(), name="criterion_delete"),
    path("criteria/criterion/<int:pk>/move/", views.CriterionMoveView.as_view(), name="criterion_move"),
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_new"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round"),
    path("rounds/<int:pk>/open/", views.RoundOpenView.as_view(), name="round_open"),
    path("rounds/<int:pk>/close/", views.RoundCloseView.as_view(), name="round_close"),
    path("evaluations/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation"),
    path("evaluations/<int:pk>/self/", views.EvaluationSelfView.as_view(), name="evaluation_self"),
    path("evaluations/<int:pk>/review/", views.EvaluationReviewView.as_view(), name="evaluation_review"),
    path("evaluations/<int:pk>/reopen/", views.EvaluationReopenView.as_view(), name="evaluation_reopen"),
    path("evaluations/<int:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence_add"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
]
