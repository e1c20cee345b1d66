from django.urls import include, path

from fairhear.casework.views import staff_home
from fairhear.web.views import staff_settings

urlpatterns = [
    path("", include("fairhear.web.urls")),
    # Staff land on their home page: for case workers, the complaints dashboard.
    path("staff/", staff_home, name="staff-home"),
    path("staff/settings/", staff_settings, name="staff-settings"),
    path("staff/account/", include("fairhear.accounts.urls")),
    path("staff/account/", include("fairhear.accounts.allauth_urls")),
    path("staff/organisation/", include("fairhear.organisation.urls")),
    path("staff/", include("fairhear.letters.urls")),  # before the case steps' catch-all
    path("staff/cases/", include("fairhear.casework.urls")),
    path("staff/case-file/", include("fairhear.interchange.urls")),
    path("staff/reports/", include("fairhear.reports.urls")),
    path("staff/retention/", include("fairhear.dataprotection.urls")),
    # The public forms and status pages sit at the site's root.
    path("", include("fairhear.public.urls")),
]

handler403 = "fairhear.web.views.permission_denied"
handler404 = "fairhear.web.views.page_not_found"
handler500 = "fairhear.web.views.server_error"
