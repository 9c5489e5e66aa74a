from rest_framework.routers import DefaultRouter

from .views import PlanViewSet, TaskViewSet

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("tasks", TaskViewSet, basename="task")
urlpatterns = router.urls
