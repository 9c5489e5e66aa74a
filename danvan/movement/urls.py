from django.urls import path

from .views import ethnic_religious as er
from .views import exemplary, membership, opinion, overview, supervision, training

app_name = "movement"
urlpatterns = [
    path("", overview.MovementIndexView.as_view(), name="index"),
    path("models/", exemplary.ExemplaryModelListView.as_view(), name="model_list"),
    path("models/new/", exemplary.ExemplaryModelFormView.as_view(), name="model_new"),
    path("models/<int:pk>/", exemplary.ExemplaryModelDetailView.as_view(), name="model"),
    path("models/<int:pk>/edit/", exemplary.ExemplaryModelFormView.as_view(), name="model_edit"),
    path("models/<int:pk>/awards/", exemplary.AwardAddView.as_view(), name="award_add"),
    path("models/<int:pk>/replications/", exemplary.ReplicationAddView.as_view(), name="replication_add"),
    path("models/<int:pk>/publish/", exemplary.PublishView.as_view(), name="model_publish"),
    path("models/<int:pk>/evidence/", exemplary.ModelEvidenceAddView.as_view(), name="model_evidence_add"),
    path("models/evidence/<int:pk>/", exemplary.ModelEvidenceDownloadView.as_view(), name="model_evidence"),
    # supervision and social criticism
    path("supervision/", supervision.SupervisionListView.as_view(), name="supervision_list"),
    path("supervision/new/", supervision.SupervisionFormView.as_view(), name="supervision_new"),
    path("supervision/<int:pk>/", supervision.SupervisionDetailView.as_view(), name="supervision"),
    path("supervision/<int:pk>/edit/", supervision.SupervisionFormView.as_view(), name="supervision_edit"),
    path(
        "supervision/<int:pk>/recommendations/",
        supervision.RecommendationAddView.as_view(),
        name="recommendation_add",
    ),
    path("recommendations/", supervision.RecommendationListView.as_view(), name="recommendation_list"),
    path("recommendations/<int:pk>/", supervision.RecommendationDetailView.as_view(), name="recommendation"),
    path(
        "recommendations/<int:pk>/answer/",
        supervision.RecommendationAnswerView.as_view(),
        name="recommendation_answer",
    ),
    path(
        "recommendations/<int:pk>/resolve/",
        supervision.RecommendationResolveView.as_view(),
        name="recommendation_resolve",
    ),
    path("criticism/", supervision.CriticismListView.as_view(), name="criticism_list"),
    path("criticism/new/", supervision.CriticismFormView.as_view(), name="criticism_new"),
    path("criticism/<int:pk>/", supervision.CriticismDetailView.as_view(), name="criticism"),
    path("criticism/<int:pk>/edit/", supervision.CriticismFormView.as_view(), name="criticism_edit"),
    # membership
    path("membership/", membership.SurveyListView.as_view(), name="survey_list"),
    path("membership/new/", membership.SurveyFormView.as_view(), name="survey_new"),
    path("membership/<int:pk>/", membership.SurveyDetailView.as_view(), name="survey"),
    path("membership/<int:pk>/edit/", membership.SurveyFormView.as_view(), name="survey_edit"),
    path("membership/<int:pk>/close/", membership.SurveyCloseView.as_view(), name="survey_close"),
    path("membership/<int:pk>/return/", membership.SurveyReturnFormView.as_view(), name="survey_return_new"),
    path(
        "membership/<int:pk>/member-list/",
        membership.MemberListUploadView.as_view(),
        name="member_list_upload",
    ),
    path("membership/returns/<int:pk>/", membership.SurveyReturnDetailView.as_view(), name="survey_return"),
    # training
    path("training/", training.CourseListView.as_view(), name="course_list"),
    path("training/new/", training.CourseFormView.as_view(), name="course_new"),
    path("training/<int:pk>/", training.CourseDetailView.as_view(), name="course"),
    path("training/<int:pk>/edit/", training.CourseFormView.as_view(), name="course_edit"),
    path(
        "training/<int:pk>/participants/", training.ParticipationAddView.as_view(), name="participation_add"
    ),
    # ethnic and religious affairs
    path("ethnic-religious/", er.EthnicIndexView.as_view(), name="ethnic_index"),
    path("ethnic-religious/persons/", er.PersonListView.as_view(), name="person_list"),
    path("ethnic-religious/persons/new/", er.PersonFormView.as_view(), name="person_new"),
    path("ethnic-religious/persons/<int:pk>/", er.PersonDetailView.as_view(), name="person"),
    path("ethnic-religious/persons/<int:pk>/edit/", er.PersonFormView.as_view(), name="person_edit"),
    path(
        "ethnic-religious/persons/<int:pk>/contacts/",
        er.PersonalDataEditView.as_view(),
        name="person_contacts",
    ),
    path("ethnic-religious/religious/", er.ReligiousBodyListView.as_view(), name="religious_body_list"),
    path("ethnic-religious/religious/new/", er.ReligiousBodyFormView.as_view(), name="religious_body_new"),
    path("ethnic-religious/religious/<int:pk>/", er.ReligiousBodyDetailView.as_view(), name="religious_body"),
    path(
        "ethnic-religious/religious/<int:pk>/edit/",
        er.ReligiousBodyFormView.as_view(),
        name="religious_body_edit",
    ),
    path("ethnic-religious/cases/", er.CaseListView.as_view(), name="case_list"),
    path("ethnic-religious/cases/new/", er.CaseFormView.as_view(), name="case_new"),
    path("ethnic-religious/cases/<int:pk>/", er.CaseDetailView.as_view(), name="case"),
    path("ethnic-religious/cases/<int:pk>/edit/", er.CaseFormView.as_view(), name="case_edit"),
    path("ethnic-religious/cases/<int:pk>/follow-ups/", er.FollowUpAddView.as_view(), name="follow_up_add"),
    path("ethnic-religious/festivals/", er.FestivalListView.as_view(), name="festival_list"),
    path("ethnic-religious/festivals/new/", er.FestivalFormView.as_view(), name="festival_new"),
    path("ethnic-religious/festivals/<int:pk>/", er.FestivalDetailView.as_view(), name="festival"),
    path("ethnic-religious/festivals/<int:pk>/edit/", er.FestivalFormView.as_view(), name="festival_edit"),
    # public opinion
    path("opinion/", opinion.OpinionListView.as_view(), name="opinion_list"),
    path("opinion/new/", opinion.OpinionFormView.as_view(), name="opinion_new"),
    path("opinion/<int:pk>/", opinion.OpinionDetailView.as_view(), name="opinion"),
    path("opinion/<int:pk>/edit/", opinion.OpinionFormView.as_view(), name="opinion_edit"),
    path("opinion/<int:pk>/act/", opinion.OpinionActView.as_view(), name="opinion_act"),
]
