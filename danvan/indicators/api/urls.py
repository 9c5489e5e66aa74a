from rest_framework.routers import DefaultRouter

from .views import (
    CriteriaSetViewSet,
    EvaluationRoundViewSet,
    EvaluationViewSet,
    IndicatorValueViewSet,
    IndicatorViewSet,
)

router = DefaultRouter()
router.register("criteria-sets", CriteriaSetViewSet, basename="criteriaset")
router.register("rounds", EvaluationRoundViewSet, basename="evaluationround")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("values", IndicatorValueViewSet, basename="indicatorvalue")
urlpatterns = router.urls
