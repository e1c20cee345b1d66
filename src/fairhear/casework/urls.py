from django.urls import URLPattern, path

from fairhear.casework import views

app_name = "casework"
urlpatterns: list[URLPattern] = [
    path("", views.case_list, name="list"),
    path("log/", views.log_contact, name="log"),
    path("actions/", views.action_list, name="actions"),
    path("actions/<int:pk>/complete/", views.complete_action, name="complete-action"),
    path("ombudsman/", views.ombudsman_list, name="ombudsman"),
    path("ombudsman/add/", views.add_ombudsman_case, name="add-ombudsman"),
    path("ombudsman/<str:lgsco_reference>/", views.ombudsman_case, name="ombudsman-case"),
    path("ombudsman/<int:pk>/<slug:step>/", views.ombudsman_step, name="ombudsman-step"),
    path("compliments/add/", views.add_compliment, name="add-compliment"),
    path("<str:reference>/", views.case_detail, name="case"),
    path("<str:reference>/history/", views.case_history, name="history"),
    path(
        "<str:reference>/documents/<int:pk>/",
        views.download_attachment,
        name="download-attachment",
    ),
    path("<str:reference>/<slug:step>/", views.case_step, name="step"),
]
