import pytest
from django.test import Client

from fairhear.casework.models import Compliment
from fairhear.organisation.models import ServiceArea, Team
from fairhear.public.models import PublicCompliment
from tests.db.public.conftest import walk

pytestmark = pytest.mark.django_db


def test_a_compliment_is_recorded_with_its_service_and_consent_to_share(
    client: Client, service_area: ServiceArea
) -> None:
    walk(
        client,
        "compliment",
        {
            "who": {"service_area": str(service_area.pk), "person_praised": "Dee"},
            "what": {"text": "Dee found my son a flat."},
            "share": {"publish": "yes"},
            "about-you": {"sender_name": "", "sender_email": "", "source": "parent_or_carer"},
        },
    )

    response = client.post("/compliment/check/")

    assert response["Location"] == "/compliment/sent/"
    compliment = Compliment.objects.get()
    assert (compliment.team, compliment.service_area) == (None, service_area)
    assert compliment.text == "Dee found my son a flat."
    assert compliment.publish is True
    assert compliment.source == "parent_or_carer"
    assert compliment.internal is False
    assert PublicCompliment.objects.get(compliment=compliment).person_praised == "Dee"
    assert "Thank you for your compliment" in client.get("/compliment/sent/").content.decode()


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("who", {"service_area": ""}, "Choose the service, or choose I am not sure"),
        ("what", {"text": ""}, "Tell us what they did well"),
        ("share", {}, "Choose yes if we may share your compliment"),
    ],
)
def test_each_compliment_page_says_what_is_missing(
    client: Client, slug: str, data: dict[str, str], message: str
) -> None:
    answers = {
        "who": {"service_area": "not_sure", "person_praised": ""},
        "what": {"text": "Kind and quick."},
        "share": {"publish": "no"},
    }
    walk(client, "compliment", answers, until=slug)

    page = client.post(f"/compliment/{slug}/", data).content.decode()

    assert page.count(message) == 2


def test_the_compliment_form_offers_the_services_the_public_knows_not_team_names(
    client: Client, service_area: ServiceArea
) -> None:
    team = Team.objects.filter(service_area=service_area).first()
    assert team is not None

    page = client.get("/compliment/who/").content.decode()

    assert service_area.name in page
    assert team.name not in page
