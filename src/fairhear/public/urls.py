from django.urls import path

from fairhear.public import views

app_name = "public"
urlpatterns = [
    path("status/<str:token>/", views.status, name="status"),
    path("<slug:journey>/", views.start, name="start"),
    path("<slug:journey>/check/", views.check_answers, name="check"),
    path("<slug:journey>/sent/", views.sent, name="sent"),
    path("<slug:journey>/<slug:slug>/", views.step, name="step"),
]
