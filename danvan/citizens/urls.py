app_name = "citizens"
urlpatterns: list = []
