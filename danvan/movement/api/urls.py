from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("supervision-programmes", views.SupervisionProgrammeViewSet, basename="supervisionprogramme")
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("social-criticisms", views.SocialCriticismViewSet, basename="socialcriticism")
router.register("membership-surveys", views.MembershipSurveyViewSet, basename="membershipsurvey")
router.register("survey-returns", views.SurveyReturnViewSet, basename="surveyreturn")
router.register("training-courses", views.TrainingCourseViewSet, basename="trainingcourse")
router.register("prestigious-persons", views.PrestigiousPersonViewSet, basename="prestigiousperson")
router.register("religious-bodies", views.ReligiousBodyViewSet, basename="religiousbody")
router.register("complex-cases", views.ComplexCaseViewSet, basename="complexcase")
router.register("festivals", views.EthnicFestivalViewSet, basename="ethnicfestival")
router.register("opinion-notes", views.OpinionNoteViewSet, basename="opinionnote")
router.register("exemplary-models", views.ExemplaryModelViewSet, basename="exemplarymodel")
urlpatterns = router.urls
