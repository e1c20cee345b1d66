"""Logging a contact as question pages, one topic a page, then "Check your answers".

Each page is a form of its own, validated when it is sent; the answers wait (as they were
typed, in the session: `casework.views.log_contact`) until the contact is logged from the
check page, where every page is validated again, so an answer that went out of date meanwhile
(a category no longer offered, a person recorded since) sends the officer back to its page.
A page may be asked only after some answers (the relationship, of someone complaining for
the child).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from crispy_forms_gds.layout import Layout
from django import forms

from fairhear.casework import selectors
from fairhear.casework.codes import Channel, ComplainantRole
from fairhear.casework.forms.base import (
    DocumentUpload,
    choose_one,
    date_field,
    document_field,
    email_field,
    yes_no_or_not_known,
)
from fairhear.casework.forms.contacts import AboutFields, ContactDetailsFields, EqualityFields
from fairhear.casework.models import Person
from fairhear.core.dates import long_date
from fairhear.web.forms import GovUKForm, offer

#: The answers so far: each page's, by its slug, as sent (field name to the values typed).
Answers = Mapping[str, Mapping[str, list[str]]]

NOT_GIVEN = "Not given"


class LogContactPage(GovUKForm):
    """One question page: its heading, and its answers for the check page and the service."""

    title = ""
    #: Said under the heading, when the page needs it.
    lead = ""
    submit_label = "Continue"

    def __init__(self, *args: Any, answers: Answers, **kwargs: Any) -> None:
        self.answers = answers
        super().__init__(*args, **kwargs)
        self.lay_out()

    def lay_out(self) -> None:
        """The fields alone: the page gives the buttons (continue, and cancel)."""
        self.helper.layout = Layout(*self.layout_fields())

    def in_words(self) -> list[tuple[str, str]]:
        """Each question with its answer in words, for the check page."""
        # Whether a question was optional no longer matters once it is answered.
        return [
            (str(field.label).removesuffix(" (optional)"), _in_words(self, name))
            for name, field in self.fields.items()
        ]

    def given(self) -> dict[str, Any]:
        """The answers as `services.log_contact` (or `record_person`) takes them."""
        return {name: self.cleaned_data[name] for name in self.fields}


def _in_words(form: forms.Form, name: str) -> str:
    field, value = form.fields[name], form.cleaned_data.get(name)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(item) for item in value or []) or NOT_GIVEN
    if isinstance(field, forms.ModelChoiceField):
        return str(value) if value is not None else str(field.empty_label or NOT_GIVEN)
    if isinstance(field, forms.ChoiceField):
        # A yes or no answer is cleaned to True or False: its words are those of what was sent.
        sent = str(form[name].value() or "")
        return next((str(label) for value, label in _flat(field.choices) if value == sent), sent)
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return long_date(value)
    return str(value or "") or NOT_GIVEN


def _flat(choices: Any) -> list[tuple[str, Any]]:
    """A choice field's options, out of their groups."""
    flat: list[tuple[str, Any]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.extend((str(v), words) for v, words in label)
        else:
            flat.append((str(value), label))
    return flat


class ArrivalPage(LogContactPage):
    title = "How the contact arrived"
    received = date_field("Date received")
    channel = choose_one(
        "How it arrived", Channel.choices, missing="Choose how the contact arrived"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received", date.today())

    def clean_received(self) -> date:
        received: date = self.cleaned_data["received"]
        if received > date.today():
            raise forms.ValidationError("The date received cannot be in the future")
        return received


#: Those who complain for the child, and are asked how they are related to them.
FOR_THE_CHILD = {role.value for role in ComplainantRole if role != ComplainantRole.CHILD}


class ComplainantPage(LogContactPage):
    title = "Who is complaining"
    complainant_role = forms.ChoiceField(
        label="Who is complaining",
        choices=[*ComplainantRole.choices, ("", "Not known")],
        required=False,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label="Their name (optional)",
        help_text="Leave empty when they did not give it.",
        required=False,
        max_length=200,
    )


class RelationshipPage(LogContactPage):
    title = "Their relationship to the child"
    relationship = forms.CharField(
        label=ContactDetailsFields.base_fields["relationship"].label,
        help_text="For example: mother, grandfather, the child's social worker.",
        required=False,
        max_length=200,
    )


def complains_for_the_child(answers: Answers) -> bool:
    return (answers.get("complainant", {}).get("complainant_role") or [""])[0] in FOR_THE_CHILD


class ContactDetailsPage(LogContactPage):
    """How to reach them, and whether they are someone already recorded: asked once their
    name, email or phone is the same as someone's (the choice is required then)."""

    title = "How to reach them"
    email = email_field("Email address (optional)")
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=50)
    address = forms.CharField(
        label="Postal address (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    preferred_contact = forms.ChoiceField(
        label="How they would like us to write to them",
        help_text="Letters go by email or post; the team can change this for each letter.",
        choices=[("email", "Email"), ("letter", "Post"), ("", "Not known")],
        required=False,
        widget=forms.RadioSelect,
    )
    call_back_requested = forms.BooleanField(label="They asked us to phone them", required=False)
    person = forms.ChoiceField(
        label="Is this someone already recorded?", required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[Person] = []
        if self.is_bound:
            name = (self.answers.get("complainant", {}).get("name") or [""])[0]
            self.duplicates = list(
                selectors.likely_duplicates(
                    name=name,
                    email=self.data.get("email", ""),
                    phone=self.data.get("phone", ""),
                )[:10]
            )
        if self.duplicates:
            choices = [
                (str(p.pk), f"{p.name or p.key}, {p.email or 'no email'}, {p.phone or 'no phone'}")
                for p in self.duplicates
            ]
            offer(self, "person", [*choices, ("new", "No, someone new")])
            self.fields["person"].required = True
            self.fields["person"].error_messages["required"] = (
                "Choose whether the complainant is one of the people already recorded"
            )
        else:
            del self.fields["person"]
            # The layout was made with every field: made again without the choice.
            self.lay_out()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needs = {"email": "email", "letter": "address"}.get(data.get("preferred_contact") or "")
        if needs and not data.get(needs):
            words = "an email address" if needs == "email" else "a postal address"
            self.add_error(
                "preferred_contact",
                f"Enter {words} for letters to go that way, or choose another way",
            )
        return data

    def given(self) -> dict[str, Any]:
        given = super().given()
        chosen = given.pop("person", "new")
        given["person"] = next((p for p in self.duplicates if str(p.pk) == chosen), None)
        return given


class ChildPage(LogContactPage):
    title = "The child or young person"
    child_name = ContactDetailsFields.base_fields["child_name"]
    child_status = ContactDetailsFields.base_fields["child_status"]
    advocate = yes_no_or_not_known("Does an advocate act for or support the child?")
    advocacy_requested = yes_no_or_not_known("Did they ask for an advocate?")


class AboutPage(AboutFields, LogContactPage):
    title = "What it is about"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_about()

    def layout_fields(self) -> list[Any]:
        return self.about_fields()

    def in_words(self) -> list[tuple[str, str]]:
        # Logging takes the service area from the team when none is chosen: say so here.
        words = super().in_words()
        team = self.cleaned_data.get("team")
        if self.cleaned_data.get("service_area") is None and team is not None:
            label = str(self.fields["service_area"].label)
            words = [
                (question, f"{team.service_area} (the team's)" if question == label else answer)
                for question, answer in words
            ]
        return words

    def given(self) -> dict[str, Any]:
        given = super().given()
        del given["best_fit"]
        given["categories"] = self.cleaned_data["ordered_categories"]
        return given


class EqualityPage(EqualityFields, LogContactPage):
    title = "Equality monitoring"
    lead = "All optional: leave as not known what the complainant did not say."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_equality()


class CheckAnswersForm(DocumentUpload, GovUKForm):
    """The check page's own questions: a document sent with the contact, which is taken only
    when the contact is logged (a file is not kept between pages), and the answers as shown,
    so that answers changed meanwhile in another tab are not logged unseen."""

    submit_label = "Log the contact"
    document = document_field("A document sent with the contact (optional)")
    shown = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(*self.layout_fields())  # the page gives the buttons


@dataclass(frozen=True)
class LogContactStep:
    slug: str
    form: type[LogContactPage]
    #: Whether the page is asked, given the answers so far.
    asked: Callable[[Answers], bool] = lambda answers: True


LOG_CONTACT_STEPS = (
    LogContactStep("arrival", ArrivalPage),
    LogContactStep("complainant", ComplainantPage),
    LogContactStep("relationship", RelationshipPage, complains_for_the_child),
    LogContactStep("contact-details", ContactDetailsPage),
    LogContactStep("child", ChildPage),
    LogContactStep("about", AboutPage),
    LogContactStep("equality", EqualityPage),
)


def steps_asked(answers: Answers) -> list[LogContactStep]:
    return [step for step in LOG_CONTACT_STEPS if step.asked(answers)]


def log_contact_step(slug: str) -> LogContactStep | None:
    return next((step for step in LOG_CONTACT_STEPS if step.slug == slug), None)
