from rest_framework.routers import DefaultRouter

from .views import BodyReportViewSet, ReportingPeriodViewSet

router = DefaultRouter()
router.register("periods", ReportingPeriodViewSet, basename="reportingperiod")
router.register("reports", BodyReportViewSet, basename="bodyreport")
urlpatterns = router.urls
