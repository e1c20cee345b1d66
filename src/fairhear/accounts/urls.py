from django.contrib.auth import views as auth_views
from django.urls import path

from fairhear.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out_confirm, name="sign-out-confirm"),
    path("sign-out/confirm/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("landing/", views.landing, name="landing"),
    path("password/", views.ChangeOwnPasswordView.as_view(), name="change-password"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/add/", views.add_staff, name="add-staff"),
    path("staff/<int:pk>/", views.change_staff, name="change-staff"),
    path("staff/<int:pk>/new-password/", views.new_password, name="new-password"),
    path("staff/<int:pk>/active/", views.set_active, name="set-active"),
]
