app_name = "movement"
urlpatterns: list = []
