"""The Stage 1 reply records what it gave (done with it) and a learning action agreed in it
with its owner and due date, so no action is left without them and none is made twice."""

from collections.abc import Callable
from datetime import date

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework.codes import ActionKind
from fairhear.casework.forms import LearningActionForm, ReplyForm
from fairhear.casework.models import Category, Contact, LearningAction
from fairhear.organisation.models import ServiceArea
from tests import builders


def _reply(client: Client, contact: Contact, **answers: str) -> object:
    return client.post(
        reverse("casework:step", args=[contact.reference, "stage-1-reply"]),
        {
            "version": contact.version,
            "on_0": "10",
            "on_1": "5",
            "on_2": "2024",
            "outcome": "upheld",
            **answers,
        },
        follow=True,
    )


def test_an_agreed_action_is_asked_with_its_owner_and_due_date(
    stage_one: Contact, officer: User, client: Client
) -> None:
    client.force_login(officer)

    response = _reply(client, stage_one, action_agreed="yes")

    errors = response.context["form"].errors
    assert errors["kind"] == ["Choose the kind of action"]
    assert errors["owner"] == ["Choose who owns the action"]
    assert errors["due"] == ["Enter the date the action is due by"]
    assert not LearningAction.objects.exists()


def test_the_reply_records_what_it_gave_and_the_action_agreed_once(
    stage_one: Contact, officer: User, client: Client, area_a: ServiceArea
) -> None:
    client.force_login(officer)

    response = _reply(
        client,
        stage_one,
        actions="apology",
        action_agreed="yes",
        kind=ActionKind.TRAINING_OR_GUIDANCE,
        description="Train the team on recording visits.",
        owner=f"area:{area_a.pk}",
        due_0="28",
        due_1="6",
        due_2="2024",
    )

    actions = LearningAction.objects.order_by("pk")
    assert [(a.kind, a.completed, a.due) for a in actions] == [
        (ActionKind.APOLOGY, date(2024, 5, 10), None),
        (ActionKind.TRAINING_OR_GUIDANCE, None, date(2024, 6, 28)),
    ]
    assert actions[1].owner_service_area == area_a
    (said,) = [str(m) for m in response.context["messages"]]
    assert said.startswith("Stage 1 reply sent on 10 May 2024: upheld")


def test_answers_under_no_are_not_kept(stage_one: Contact, officer: User, client: Client) -> None:
    client.force_login(officer)

    _reply(
        client, stage_one, action_agreed="no", description="Typed, then changed my mind", due_0="3"
    )

    assert not LearningAction.objects.exists()
    stage_one.refresh_from_db()
    assert stage_one.state == "closed"


def test_the_reply_offers_only_what_it_gives_and_no_kind_is_chosen_for_the_user(
    stage_one: Contact,
) -> None:
    reply = ReplyForm(contact=stage_one)
    add = LearningActionForm(contact=stage_one)

    assert [v for v, _ in reply.fields["actions"].choices] == [
        "apology",
        "explanation",
        "information",
    ]
    assert reply.fields["kind"].choices[0] == ("", "Choose the kind of action")
    assert add.fields["kind"].choices[0] == ("", "Choose the kind of action")
    assert "kind" not in add.initial


def test_each_categorys_outcome_is_asked_after_the_outcome(
    log: Callable[..., Contact], officer: User, category: Category
) -> None:
    contact = builders.triage_statutory(log(categories=[category]), officer)

    html = str(ReplyForm(contact=contact).helper.layout.get_field_names())

    assert html.index("outcome") < html.index(f"category_{category.pk}") < html.index("actions")
