from django.urls import path

from fairhear.interchange import views

app_name = "interchange"
urlpatterns = [
    path("", views.case_file_home, name="home"),
    path("imports/<int:pk>/", views.import_report, name="report"),
    path("imports/<int:pk>/confirm/", views.confirm_import, name="confirm"),
    path("imports/<int:pk>/cancel/", views.cancel_import, name="cancel"),
    path("exports/", views.ask_for_export, name="ask-export"),
    path("exports/<int:pk>/", views.export_status, name="export-status"),
    path("exports/<int:pk>/progress/", views.export_progress, name="export-progress"),
    path("exports/<int:pk>/download/", views.download_export, name="export-download"),
    path("exports/<int:pk>/delete/", views.delete_export, name="export-delete"),
]
