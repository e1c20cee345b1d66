from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from fairhear.web.navigation import staff_navigation


def council(request: HttpRequest) -> dict[str, Any]:
    return {
        "council_name": settings.FAIRHEAR_COUNCIL_NAME,
        "council_logo": settings.FAIRHEAR_COUNCIL_LOGO,
        "complaints_email": settings.FAIRHEAR_COMPLAINTS_EMAIL,
        "complaints_phone": settings.FAIRHEAR_COMPLAINTS_PHONE,
    }


def staff(request: HttpRequest) -> dict[str, Any]:
    """The staff service navigation, for signed-in staff only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "staff_home_url": reverse("staff-home"),
        "staff_navigation": staff_navigation(user, request.path),
    }
