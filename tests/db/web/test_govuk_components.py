import pytest
from govuk_frontend_django.components.base import GovUKComponent
from govuk_frontend_django.components.notification_banner import GovUKNotificationBanner
from govuk_frontend_django.components.service_navigation import GovUKServiceNavigation
from govuk_frontend_django.components.skip_link import GovUKSkipLink
from govuk_frontend_django.components.tag import GovUKTag

from fairhear.web.govuk_components import library_render

COMPONENTS: list[GovUKComponent] = [
    GovUKSkipLink(text="Skip to main content", href="#main-content"),
    GovUKTag(text="Overdue <3 days>", classes="govuk-tag--red"),
    GovUKNotificationBanner(text="Saved", type="success", titleText="Success"),
    GovUKServiceNavigation(
        serviceName="Fairhear",
        serviceUrl="/staff/",
        navigation=[{"text": "Home", "href": "/staff/", "active": True, "current": None}],  # type: ignore[list-item]
    ),
]


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: type(c).__name__)
def test_components_render_exactly_as_the_library_renders_them(component: GovUKComponent) -> None:
    assert component.render() == library_render(component)


def test_text_is_still_escaped() -> None:
    assert "Overdue &lt;3 days&gt;" in GovUKTag(text="Overdue <3 days>").render()
