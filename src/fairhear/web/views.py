from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from fairhear.readiness import unapplied_migrations
from fairhear.web.navigation import settings_pages


def public_home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/public_home.html")


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@login_required
def staff_settings(request: HttpRequest) -> HttpResponse:
    """The council's setup in one place: the parts of it the signed-in person may use."""
    pages = settings_pages(request.user)
    if not pages:
        raise PermissionDenied
    return render(request, "web/staff_settings.html", {"pages": pages})


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring, without signing in: 200 when the database answers
    and every migration is applied, else 503 naming which."""
    try:
        unapplied = unapplied_migrations()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "not answering"}, status=503)
    if unapplied:
        return JsonResponse(
            {"status": "unavailable", "database": "ok", "unapplied_migrations": unapplied},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "web/errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "web/errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever broke the page may break a context processor too.
    template = loader.get_template("web/errors/500.html")
    return HttpResponseServerError(
        template.render({"council_name": settings.FAIRHEAR_COUNCIL_NAME})
    )
