from django.urls import URLPattern, path

from fairhear.letters import views

app_name = "letters"
urlpatterns: list[URLPattern] = [
    path("letters/templates/", views.template_list, name="templates"),
    path("letters/notices/", views.step_notices, name="notices"),
    path(
        "letters/templates/<slug:kind>/<slug:audience>/",
        views.edit_template,
        name="edit-template",
    ),
    path("cases/<str:reference>/letters/", views.case_letters, name="case"),
    path("cases/<str:reference>/letters/write/", views.write_letter, name="write"),
    path("cases/<str:reference>/letters/preferences/", views.preferences, name="preferences"),
    path("cases/<str:reference>/letters/<int:pk>/word/", views.letter_word, name="word"),
    path("cases/<str:reference>/letters/<int:pk>/pdf/", views.letter_pdf, name="pdf"),
]
