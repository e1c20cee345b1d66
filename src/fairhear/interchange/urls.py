from django.urls import path

from fairhear.interchange import views

app_name = "interchange"
urlpatterns = [
    path("", views.case_file_home, name="home"),
    path("imports/<int:pk>/", views.import_report, name="report"),
    path("imports/<int:pk>/confirm/", views.confirm_import, name="confirm"),
    path("imports/<int:pk>/cancel/", views.cancel_import, name="cancel"),
    path("export/<str:kind>/", views.export_case_file, name="export"),
]
