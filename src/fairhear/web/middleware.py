"""Middleware the whole site shares."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class NoStoreForStaff:
    """Every response to signed-in staff is marked `Cache-Control: no-store`.

    Staff pages and exports hold children's personal data: no browser cache on a shared
    computer, and no proxy on the way, may keep a copy after the member of staff signs out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
