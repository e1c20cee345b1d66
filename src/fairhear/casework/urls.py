from django.urls import URLPattern, path

from fairhear.casework import views

app_name = "casework"
urlpatterns: list[URLPattern] = [
    path("", views.case_list, name="list"),
    path("log/", views.log_contact, name="log"),
    path("log/check/", views.check_log_answers, name="log-check"),
    path("log/cancel/", views.cancel_logging, name="log-cancel"),
    path("log/logged/", views.contact_logged, name="logged"),
    path("log/<slug:page>/", views.log_contact_page, name="log-page"),
    path("actions/", views.action_list, name="actions"),
    path("actions/<int:pk>/complete/", views.complete_action, name="complete-action"),
    path("actions/add/", views.add_action, name="add-action"),
    path("actions/<int:pk>/change/", views.change_action, name="change-action"),
    path("costs/", views.cost_list, name="costs"),
    path("costs/add/", views.add_cost, name="add-cost"),
    path("costs/<int:pk>/correct/", views.correct_cost, name="correct-cost"),
    path("ombudsman/", views.ombudsman_list, name="ombudsman"),
    path("ombudsman/add/", views.add_ombudsman_case, name="add-ombudsman"),
    path("ombudsman/<str:lgsco_reference>/", views.ombudsman_case, name="ombudsman-case"),
    # Before the steps, which would otherwise take an all-digit reference's history for a step.
    path(
        "ombudsman/<str:lgsco_reference>/history/",
        views.ombudsman_history,
        name="ombudsman-history",
    ),
    path("ombudsman/<int:pk>/<slug:step>/", views.ombudsman_step, name="ombudsman-step"),
    path("compliments/add/", views.add_compliment, name="add-compliment"),
    path("compliments/", views.compliment_list, name="compliments"),
    path("compliments/<int:pk>/", views.correct_compliment, name="correct-compliment"),
    path("lists/", views.council_lists, name="lists"),
    path("lists/categories/add/", views.add_category, name="add-category"),
    path("lists/categories/<int:pk>/rename/", views.rename_category, name="rename-category"),
    path("lists/categories/<int:pk>/offer/", views.offer_category, name="offer-category"),
    path("lists/equality/<str:kind>/add/", views.add_equality_option, name="add-equality-option"),
    path(
        "lists/equality/<int:pk>/rename/",
        views.rename_equality_option,
        name="rename-equality-option",
    ),
    path(
        "lists/equality/<int:pk>/offer/", views.offer_equality_option, name="offer-equality-option"
    ),
    path("lists/people/add/", views.add_practitioner, name="add-practitioner"),
    path("lists/people/<int:pk>/", views.change_practitioner, name="change-practitioner"),
    path("viewed/", views.view_log, name="view-log"),
    path("<str:reference>/", views.case_detail, name="case"),
    path("<str:reference>/history/", views.case_history, name="history"),
    path(
        "<str:reference>/documents/<int:pk>/",
        views.download_attachment,
        name="download-attachment",
    ),
    path("<str:reference>/<slug:step>/", views.case_step, name="step"),
]
