"""The request of a view that only signed-in staff reach."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is a staff `User`, never
    anonymous, so it can be passed to the services as who did it.

    Only a type: a view annotates its request with it (django-stubs' documented pattern);
    the request object is Django's own.
    """

    user: User
