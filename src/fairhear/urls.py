from django.urls import include, path

urlpatterns = [
    path("", include("fairhear.web.urls")),
    path("staff/account/", include("fairhear.accounts.urls")),
    path("staff/organisation/", include("fairhear.organisation.urls")),
]

handler403 = "fairhear.web.views.permission_denied"
handler404 = "fairhear.web.views.page_not_found"
handler500 = "fairhear.web.views.server_error"
