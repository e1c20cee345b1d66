from django.urls import include, path

urlpatterns = [
    path("", include("fairhear.web.urls")),
    path("staff/account/", include("fairhear.accounts.urls")),
    path("staff/organisation/", include("fairhear.organisation.urls")),
    path("staff/cases/", include("fairhear.casework.urls")),
    path("staff/case-file/", include("fairhear.interchange.urls")),
    path("staff/reports/", include("fairhear.reports.urls")),
    # The public forms and status pages sit at the site's root.
    path("", include("fairhear.public.urls")),
]

handler403 = "fairhear.web.views.permission_denied"
handler404 = "fairhear.web.views.page_not_found"
handler500 = "fairhear.web.views.server_error"
