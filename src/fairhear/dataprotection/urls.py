from django.urls import path

from fairhear.dataprotection import views

app_name = "dataprotection"
urlpatterns = [
    path("", views.retention, name="retention"),
    path("schedule/", views.edit_policy, name="schedule"),
    path("anonymise/", views.anonymise, name="anonymise"),
    path("holds/add/", views.add_hold, name="add-hold"),
    path("holds/<int:pk>/lift/", views.lift_hold, name="lift-hold"),
]
