from django.urls import path

from .views import exemplary

app_name = "movement"
urlpatterns = [
    path("models/", exemplary.ExemplaryModelListView.as_view(), name="model_list"),
    path("models/new/", exemplary.ExemplaryModelFormView.as_view(), name="model_new"),
    path("models/<int:pk>/", exemplary.ExemplaryModelDetailView.as_view(), name="model"),
    path("models/<int:pk>/edit/", exemplary.ExemplaryModelFormView.as_view(), name="model_edit"),
    path("models/<int:pk>/awards/", exemplary.AwardAddView.as_view(), name="award_add"),
    path("models/<int:pk>/replications/", exemplary.ReplicationAddView.as_view(), name="replication_add"),
    path("models/<int:pk>/publish/", exemplary.PublishView.as_view(), name="model_publish"),
    path("models/<int:pk>/evidence/", exemplary.ModelEvidenceAddView.as_view(), name="model_evidence_add"),
    path("models/evidence/<int:pk>/", exemplary.ModelEvidenceDownloadView.as_view(), name="model_evidence"),
]
