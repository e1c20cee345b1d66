from django.urls import path

from fairhear.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("service-areas/add/", views.add_service_area, name="add-service-area"),
    path("teams/add/", views.add_team, name="add-team"),
    path("<str:kind>/merge/", views.merge, name="merge"),
    path("<str:kind>/<int:pk>/", views.unit_detail, name="detail"),
    path("<str:kind>/<int:pk>/correct-name/", views.correct_name, name="correct-name"),
    path("<str:kind>/<int:pk>/rename/", views.rename, name="rename"),
    path("<str:kind>/<int:pk>/end/", views.end, name="end"),
]
