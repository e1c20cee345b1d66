from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def public_home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/public_home.html")


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


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
