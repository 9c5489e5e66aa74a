from rest_framework.routers import DefaultRouter

from .views import NotificationViewSet, OccurrenceViewSet, ProgressEntryViewSet

router = DefaultRouter()
router.register("occurrences", OccurrenceViewSet, basename="occurrence")
router.register("progress", ProgressEntryViewSet, basename="progressentry")
router.register("notifications", NotificationViewSet, basename="notification")
urlpatterns = router.urls
