from django.urls import path

from fairhear.web import views

app_name = "web"
urlpatterns = [
    path("", views.public_home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("healthz", views.health, name="health"),
]
