from django.urls import path

from fairhear.dataprotection import views

app_name = "dataprotection"
urlpatterns = [
    path("", views.retention, name="retention"),
    path("schedule/", views.edit_policy, name="schedule"),
    path("anonymise/", views.anonymise, name="anonymise"),
    path("holds/add/", views.add_hold, name="add-hold"),
    path("holds/<int:pk>/lift/", views.lift_hold, name="lift-hold"),
    path("subject-access/new/", views.log_request, name="log-request"),
    path("subject-access/<int:pk>/", views.subject_access_request, name="request"),
    path("subject-access/<int:pk>/bundle/", views.bundle, name="bundle"),
    path("subject-access/<int:pk>/answered/", views.answer_sent, name="answered"),
    path("subject-access/<int:pk>/extend/", views.extend, name="extend"),
    path("rights/new/", views.log_rights_request, name="log-rights-request"),
    path("rights/<int:pk>/", views.rights_request, name="rights"),
    path("rights/<int:pk>/correct/<str:reference>/", views.correct, name="correct"),
    path("rights/<int:pk>/erase/", views.erase, name="erase"),
    path("rights/<int:pk>/answer/", views.response_summary, name="rights-answer"),
    path("rights/<int:pk>/extend/", views.extend_rights_request, name="rights-extend"),
    path("rights/<int:pk>/answered/", views.rights_answer_sent, name="rights-answered"),
]
