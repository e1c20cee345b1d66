"""The questions of the public forms, one page each, in the GOV.UK pattern.

Every answer a form keeps is a string, a list of strings or a boolean, so a page's
`cleaned_data` goes into a draft's JSON unchanged and comes back as the page's initial data.
"""

import re
from typing import Any, ClassVar

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from fairhear.casework.codes import AgeBand, ChildStatus, ComplainantRole, ComplimentSource
from fairhear.casework.documents import check_upload, limits_hint
from fairhear.casework.equality import PREFER_NOT_TO_SAY, ethnicity_choices, gender_choices
from fairhear.organisation.models import ServiceArea
from fairhear.web.forms import GovUKForm

NOT_SURE = "not_sure"
HAS_AN_ADVOCATE = "has_one"
MAX_TEXT = 10_000


class PublicForm(GovUKForm):
    """One question page. `heading` is the page's h1: the label or legend when the page asks
    one thing, a heading above the fields when it asks several."""

    heading: ClassVar[str]
    lead: ClassVar[str] = ""
    submit_label = "Continue"
    # Pages that may be left empty say so on the check-answers page.
    optional_page: ClassVar[bool] = False

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        self.answers = answers or {}
        super().__init__(*args, **kwargs)

    @property
    def asks_one_thing(self) -> bool:
        return len(self.fields) == 1

    def layout_fields(self) -> list[Any]:
        one = self.asks_one_thing
        laid_out = []
        for name, field in self.fields.items():
            widget = field.widget
            big = {"label_size": Size.LARGE, "label_tag": "h1"} if one else {}
            if isinstance(widget, forms.RadioSelect):
                legend = {"legend_size": Size.LARGE, "legend_tag": "h1"} if one else {}
                laid_out.append(Field.radios(name, **legend))
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                legend = {"legend_size": Size.LARGE, "legend_tag": "h1"} if one else {}
                laid_out.append(Field.checkboxes(name, **legend))
            elif isinstance(widget, forms.Select):
                laid_out.append(Field.select(name))
            elif isinstance(widget, forms.Textarea):
                # crispy-forms-gds can count characters only beside a hint.
                count = {"max_characters": MAX_TEXT} if field.help_text else {}
                laid_out.append(Field.textarea(name, **count, **big))
            else:
                laid_out.append(Field.text(name, **big) if one else Field(name))
        return laid_out

    def summary(self, answers: dict[str, Any]) -> list[tuple[str, str]]:
        """The page's answers as (question, answer) rows for the check-answers page."""
        rows = []
        for name, field in self.fields.items():
            value = answers.get(name, "")
            choices = dict(getattr(field, "choices", ()))
            if isinstance(value, list):
                shown = ", ".join(str(choices.get(v, v)) for v in value)
            else:
                shown = str(choices.get(value, value)) if value != "" else ""
            rows.append((getattr(field, "summary_label", None) or str(field.label), shown))
        return rows


def _text(
    label: str, *, required: bool, message: str = "", what: str = "", **kwargs: Any
) -> forms.CharField:
    """A one-line answer; `what` names it in messages when the label is a question."""
    what = what or _name_for_messages(label)
    return forms.CharField(
        label=label,
        required=required,
        max_length=kwargs.pop("max_length", 200),
        error_messages={
            "required": message,
            "max_length": f"{what} must be %(limit_value)d characters or fewer",
        },
        **kwargs,
    )


def _name_for_messages(label: str) -> str:
    return "Your answer" if label.endswith("?") else label.removesuffix(" (optional)")


def _long_text(label: str, *, required: bool, message: str = "", hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": message,
            "max_length": f"{_name_for_messages(label)} must be {MAX_TEXT:,} characters or fewer",
        },
    )


def _radios(
    label: str, choices: list[tuple[str, str]], *, message: str = "", hint: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=choices,
        required=bool(message),
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message or "Choose an answer"},
    )


_PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


def _clean_phone(value: str) -> str:
    if value and (not _PHONE.match(value) or sum(c.isdigit() for c in value) < 10):
        raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
    return value


# --- The complaint form


class NameForm(PublicForm):
    heading = "What is your full name?"
    name = _text(
        "What is your full name?", required=True, message="Enter your full name", what="Full name"
    )


class ContactDetailsForm(PublicForm):
    heading = "How can we contact you?"
    lead = (
        "Give us at least one of these: an email address, a phone number or a postal address. "
        "We use them only for your complaint."
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = _text("Phone number", required=False, max_length=30)
    address = _long_text("Postal address", required=False)

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data["phone"])

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("email", field_width=20),
            Field.text("phone", field_width=20),
            Field.textarea("address", rows=4),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(f) for f in ("email", "phone", "address")):
            self.add_error("email", "Enter an email address, a phone number or a postal address")
        return data


class PreferredContactForm(PublicForm):
    heading = "How would you like us to contact you?"
    preferred_contact = _radios(
        "How would you like us to contact you?",
        [("email", "Email"), ("phone", "Phone"), ("letter", "Letter")],
        message="Choose how you would like us to contact you",
    )

    def clean_preferred_contact(self) -> str:
        choice: str = self.cleaned_data["preferred_contact"]
        details = self.answers.get("contact-details", {})
        needs = {"email": "email", "phone": "phone", "letter": "address"}[choice]
        if not details.get(needs):
            words = {"email": "an email address", "phone": "a phone number", "letter": "an address"}
            raise forms.ValidationError(
                f"You have not given us {words[choice]}: choose another way, or go back and add it"
            )
        return choice


_ADULT_ROLES = [
    (ComplainantRole.PARENT.value, "I am their parent"),
    (ComplainantRole.RELATIVE_OR_CARER.value, "I am a relative or carer"),
    (ComplainantRole.FOSTER_CARER.value, "I am their foster carer"),
    (ComplainantRole.SPECIAL_GUARDIAN.value, "I am their special guardian"),
    (ComplainantRole.ADVOCATE.value, "I am their advocate"),
    (ComplainantRole.PROFESSIONAL.value, "I work with them (for example a teacher or nurse)"),
    (ComplainantRole.ORGANISATION.value, "I am writing for an organisation"),
    (ComplainantRole.CHILD.value, "I am the child or young person, or a care leaver"),
    (ComplainantRole.OTHER.value, "Something else"),
]


class RelationshipForm(PublicForm):
    heading = "What is your relationship to the child or young person?"
    complainant_role = _radios(
        "What is your relationship to the child or young person?",
        _ADULT_ROLES,
        message="Choose your relationship to the child or young person",
    )
    relationship_detail = _text(
        "Tell us more about your relationship (optional)",
        required=False,
        what="What you tell us about your relationship",
        help_text="For example: grandparent, or the name of your organisation.",
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("complainant_role", legend_size=Size.LARGE, legend_tag="h1"),
            Field.text("relationship_detail"),
        ]


class ChildForm(PublicForm):
    heading = "About the child or young person"
    lead = "This page is optional. It helps us find the right records."
    optional_page = True
    child_name = _text("Their full name (optional)", required=False)
    child_status = _radios(
        "Which service do they get from us? (optional)",
        [(c.value, c.label) for c in ChildStatus if c != ChildStatus.NONE]
        + [(ChildStatus.NONE.value, "None of these"), ("", "I do not know")],
    )


class ServiceForm(PublicForm):
    heading = "Which service is your complaint about?"
    service_area = _radios(
        "Which service is your complaint about?",
        [],
        message="Choose the service, or choose I am not sure",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        running = ServiceArea.objects.exclude(started__gt=today).exclude(ended__lt=today)
        field = self.fields["service_area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(a.pk), a.name) for a in running.order_by("name")] + [
            (NOT_SURE, "I am not sure")
        ]


class WhatHappenedForm(PublicForm):
    heading = "What happened?"
    what_happened = _long_text(
        "What happened?",
        required=True,
        message="Tell us what happened",
        hint="Tell us what went wrong, when it happened and who was involved.",
    )


class DesiredOutcomeForm(PublicForm):
    heading = "What would you like to happen?"
    desired_outcome = _long_text(
        "What would you like to happen?",
        required=True,
        message="Tell us what you would like to happen",
        hint="For example: an apology, a change to a plan, or a meeting.",
    )


class AdvocacyForm(PublicForm):
    heading = "Would the child or young person like an advocate?"
    lead = (
        "An advocate is someone independent of social care who helps a child or young person "
        "say what they think and makes sure they are heard. Children, young people and care "
        "leavers can have one for free. An advocate can come from the advocacy service we pay "
        "for, a charity, or be a trusted adult who is not involved in the complaint."
    )
    advocacy = _radios(
        "Would the child or young person like an advocate?",
        [
            ("requested", "Yes, please arrange an advocate"),
            (HAS_AN_ADVOCATE, "They already have an advocate"),
            ("not_wanted", "No, not now"),
        ],
        message="Choose whether the child or young person would like an advocate",
    )
    advocate_details = _text(
        "If they already have an advocate, their name and organisation (optional)",
        required=False,
        what="The advocate's name and organisation",
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("advocacy", legend_size=Size.MEDIUM), Field.text("advocate_details")]


class AttachmentForm(PublicForm):
    heading = "Upload documents or photos (optional)"
    optional_page = True

    @property
    def asks_one_thing(self) -> bool:
        """The page's h1 is its heading, above the files already added, not the field's label."""
        return False

    file = forms.FileField(
        label="Upload a file",
        required=False,
        error_messages={"empty": "The selected file is empty"},
    )

    def __init__(self, *args: Any, already: int = 0, **kwargs: Any) -> None:
        self.already = already
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = f"{limits_hint()}; up to {settings.FAIRHEAR_PUBLIC_UPLOAD_MAX_FILES} files."
        self.helper.layout = Layout(Field("file"))

    def clean_file(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("file")
        if upload is None:
            return None
        limit = settings.FAIRHEAR_PUBLIC_UPLOAD_MAX_FILES
        if self.already >= limit:
            raise forms.ValidationError(f"You can upload up to {limit} files")
        self.content_type = check_upload(upload)
        return upload


class _EqualityQuestions(PublicForm):
    """The gender and ethnic group questions, offering the council's list (see
    casework/equality.py) with "Prefer not to say"; leaving one unanswered skips it. An answer
    kept in the draft stays offered though the list has changed since it was given."""

    optional_page = True
    #: The journey step whose answers these are.
    slug: ClassVar[str]
    prefer_not_to_say: ClassVar[str] = PREFER_NOT_TO_SAY
    gender = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a gender from the list"},
    )
    ethnicity = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose an ethnic group from the list"}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = self.answers.get(self.slug, {})
        for name, choices in (
            ("gender", gender_choices(given.get("gender", ""), not_known=None)),
            ("ethnicity", ethnicity_choices(given.get("ethnicity", ""), not_known="")),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [
                (value, self.prefer_not_to_say if value == PREFER_NOT_TO_SAY else label)
                for value, label in choices
            ]


class EqualityForm(_EqualityQuestions):
    heading = "Equality monitoring (optional)"
    lead = (
        "These questions are about the child or young person. You do not have to answer them. "
        "We use the answers only to check that our services treat everyone fairly, and we "
        "publish them only as totals in which no one can be identified."
    )
    slug = "equality"
    age_band = _radios(
        "How old are they? (optional)",
        [(b.value, b.label) for b in AgeBand] + [("", "Prefer not to say")],
    )
    field_order = ["age_band", "gender", "ethnicity", "disability"]
    disability = _radios(
        "Do they have a disability? (optional)",
        [("yes", "Yes"), ("no", "No"), ("", "Prefer not to say")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gender"].label = "Their gender (optional)"
        self.fields["ethnicity"].label = "Their ethnic group (optional)"
        self.fields["ethnicity"].help_text = "The groups the census uses."

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("age_band", legend_size=Size.SMALL, small=True),
            Field.radios("gender", legend_size=Size.SMALL, small=True),
            Field.select("ethnicity"),
            Field.radios("disability", legend_size=Size.SMALL, small=True),
        ]


# --- The young person's form: short, in plain words.


class YoungNameForm(PublicForm):
    heading = "What is your name?"
    name = _text("What is your name?", required=True, message="Tell us your name", what="Your name")


class YoungContactForm(PublicForm):
    heading = "How can we get in touch with you?"
    lead = "We will use it only to talk to you about what you tell us. You can give both."
    phone = _text("Phone number", required=False, max_length=30)
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Check your email address: it should look like name@example.com"
        },
    )

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("phone") or data.get("email")):
            self.add_error("phone", "Give us a phone number or an email address")
        return data

    def layout_fields(self) -> list[Any]:
        return [Field.text("phone", field_width=20), Field.text("email", field_width=20)]


class YoungWhatHappenedForm(PublicForm):
    heading = "What has happened?"
    what_happened = _long_text(
        "What has happened?",
        required=True,
        message="Tell us what has happened",
        hint="Tell us in your own words. You can write as much or as little as you like.",
    )


class YoungBetterForm(PublicForm):
    heading = "What would make it better?"
    optional_page = True
    desired_outcome = _long_text(
        "What would make it better?", required=False, hint="You can leave this empty."
    )


class YoungHelpForm(PublicForm):
    heading = "Do you want help?"
    help_wanted = forms.MultipleChoiceField(
        label="Do you want help?",
        help_text="Tick all you want, or none.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("advocate", "I want an advocate: someone on my side who helps me say what I think"),
            ("call", "I want someone to phone me"),
        ],
    )

    def clean_help_wanted(self) -> list[str]:
        wanted: list[str] = self.cleaned_data["help_wanted"]
        if "call" in wanted and not self.answers.get("contact", {}).get("phone"):
            raise forms.ValidationError(
                "To phone you we need your phone number: go back and add it, or untick phone me"
            )
        return wanted


class YoungAboutYouForm(_EqualityQuestions):
    heading = "About you (you do not have to answer)"
    lead = (
        "You can skip these questions. We use the answers only to check that we treat "
        "everyone fairly. No one will be able to tell which answers are yours."
    )
    slug = "about-you"
    prefer_not_to_say = "I would rather not say"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gender"].label = "Which of these fits you best? (you can skip this)"
        self.fields["ethnicity"].label = "What is your ethnic group? (you can skip this)"
        self.fields[
            "ethnicity"
        ].help_text = "This is about your family's background, like where your family comes from."

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("gender", legend_size=Size.SMALL, small=True),
            Field.select("ethnicity"),
        ]


# --- The compliment form


class ComplimentWhoForm(PublicForm):
    """The service thanked, by the names the public knows (the service areas, as the complaint
    form offers them), not the council's internal team names."""

    heading = "Who would you like to thank?"
    service_area = _radios(
        "Which service would you like to thank?",
        [],
        message="Choose the service, or choose I am not sure",
    )
    person_praised = _text(
        "The name of the person or team, if you know it (optional)", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        running = ServiceArea.objects.exclude(started__gt=today).exclude(ended__lt=today)
        field = self.fields["service_area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(a.pk), a.name) for a in running.order_by("name")] + [
            (NOT_SURE, "I am not sure")
        ]


class ComplimentWhatForm(PublicForm):
    heading = "What did they do well?"
    text = _long_text(
        "What did they do well?",
        required=True,
        message="Tell us what they did well",
        hint="For example: how they helped, and what difference it made.",
    )


class ComplimentShareForm(PublicForm):
    heading = "May we share your compliment?"
    publish = _radios(
        "May we share your compliment?",
        [("yes", "Yes"), ("no", "No")],
        message="Choose yes if we may share your compliment",
        hint="We would share it with the team and in our annual report, without your name.",
    )


class ComplimentAboutYouForm(PublicForm):
    heading = "About you (optional)"
    lead = "Leave your details if you would like us to thank you."
    optional_page = True
    sender_name = _text("Your name (optional)", required=False)
    sender_email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    source = _radios(
        "Who are you? (optional)",
        [(s.value, s.label) for s in ComplimentSource] + [("", "Prefer not to say")],
    )
