from django.urls import path

from fairhear.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("<int:year>/report.<str:form>", views.download, name="download"),
    path("figures/", views.figures, name="figures"),
]
