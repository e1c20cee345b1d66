"""The request of a view that only signed-in staff reach, and who sent a request."""

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is a staff `User`, never
    anonymous, so it can be passed to the services as who did it.

    Only a type: a view annotates its request with it (django-stubs' documented pattern);
    the request object is Django's own.
    """

    user: User


def client_address(request: HttpRequest) -> str:
    """The visitor's address, for the sign-in lock-out and the rate limits.

    Behind FAIRHEAR_PROXY_COUNT proxies (FAIRHEAR_BEHIND_PROXY) every request comes from the
    nearest proxy, and each proxy appends the address it saw to X-Forwarded-For. So the
    visitor's address is the one the outermost of ours appended: that many entries from the
    right. Entries further left are whatever the visitor chose to send, and are never read.
    """
    proxies: int = settings.FAIRHEAR_PROXY_COUNT
    if proxies > 0:
        header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [entry.strip() for entry in header.split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))
