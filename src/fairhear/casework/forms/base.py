"""Form pieces every casework form family shares: the step on one case, and the fields
asked form after form (dates, text boxes, yes or no, a document, a member of staff)."""

from datetime import date
from typing import TYPE_CHECKING, Any

from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios
from django import forms
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile

from fairhear.casework.documents import check_upload
from fairhear.casework.models import Contact
from fairhear.web.forms import Choices, DateField, GovUKForm, layout_field

YES_NO = [("yes", "Yes"), ("no", "No")]


def date_field(label: str, *, required: bool = True, help_text: str = "") -> DateField:
    """A GOV.UK date input, with an example date unless `help_text` says otherwise."""
    return DateField(
        label=label, required=required, help_text=help_text or "For example, 27 3 2024"
    )


def text_field(
    label: str, *, required: bool = True, help_text: str = "", missing: str = ""
) -> forms.CharField:
    """A text box; `missing` is its message when left empty, for a label that "Enter the …"
    does not read well with."""
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": missing or f"Enter the {label.lower()}"},
    )


def yes_no_field(label: str, *, required: bool = True) -> forms.TypedChoiceField:
    """Yes or no, as True or False (None when an optional one is not answered)."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": f"Answer: {label.rstrip('?').lower()}?"},
        empty_value=None,
    )


def yes_no_initial(value: bool | None) -> str:
    """A yes, no or not known answer as its field shows it."""
    if value is None:
        return ""
    return "yes" if value else "no"


def yes_no_or_not_known(label: str) -> forms.TypedChoiceField:
    """Yes, no or not known (None): optional, since what is not known is said so."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not known")],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def choose_one(label: str, choices: Choices, *, missing: str) -> forms.ChoiceField:
    """Radio buttons for an answer that must be given; `missing` says what to choose."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": missing},
    )


def email_field(label: str) -> forms.EmailField:
    """An optional email address."""
    return forms.EmailField(
        label=label,
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )


def document_field(label: str, *, missing: str = "") -> forms.FileField:
    """The `document` of a form with `DocumentUpload`: required when `missing` says what to
    tell someone who chose no file, optional otherwise."""
    errors = {"empty": "The selected file is empty"}
    if missing:
        errors["required"] = missing
    return forms.FileField(label=label, required=bool(missing), error_messages=errors)


if TYPE_CHECKING:
    # django-stubs makes the field generic; Django's own class cannot be subscripted.
    _UserChoiceField = forms.ModelChoiceField[User]
else:
    _UserChoiceField = forms.ModelChoiceField


class StaffChoiceField(_UserChoiceField):
    """A choice of one member of staff, shown by name (or sign-in name when no name is
    recorded); `with_username` adds the sign-in name, to tell two people of one name apart.
    It offers no one until the form offers some (`web.forms.offer`)."""

    def __init__(self, label: str, *, with_username: bool = False, **kwargs: Any) -> None:
        super().__init__(queryset=User.objects.none(), label=label, **kwargs)
        self.with_username = with_username

    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.get_username()})" if self.with_username else name


class Reveal(ConditionalQuestion):
    """A radio choice, named by its label, that reveals more questions when chosen: GOV.UK's
    conditional reveal, for questions asked only after one answer."""

    template = "casework/layout/reveal.html"


def reveal_radios(form: forms.Form, name: str, reveals: dict[str, list[str]]) -> Any:
    """The radios of choice field `name`, each choice revealing the fields `reveals` lists
    under its value (laid out by their widgets), the others plain."""
    # The radio widget keeps its field's choices (django-stubs types the field's loosely).
    options: list[tuple[Any, Any]] = list(form.fields[name].widget.choices)
    choices = [
        Reveal(str(label), *(layout_field(f, form.fields[f]) for f in reveals.get(str(value), [])))
        for value, label in options
        if value != ""
    ]
    return ConditionalRadios(name, *choices)


class DocumentUpload(forms.Form):
    """A form with a `document` file field: refused if too big or of a kind not accepted,
    and its checked content type kept for the service."""

    document_type = ""

    def clean_document(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("document")
        if upload is not None:
            self.document_type = check_upload(upload)
        return upload


class CaseStepForm(GovUKForm):
    """A step on one case: carries the case version and calls one service."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, contact: Contact, added: tuple[str, int] | None = None, **kwargs: Any
    ) -> None:
        self.contact = contact
        initial = kwargs.setdefault("initial", {})
        initial["version"] = contact.version
        if added is not None and added[0] in self.appoints:
            # Someone just added to the council's list comes back chosen where they were asked.
            name, pk = added
            initial[name] = [pk] if name == "members" else pk
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("on"), DateField):
            # The date a step was taken is most often the day it is recorded.
            self.initial.setdefault("on", date.today())

    def act(self, by: User) -> None:
        """Call the step's service (each step form says which)."""
        raise NotImplementedError(type(self).__name__)

    def base(self, by: User) -> dict[str, Any]:
        return {"version": self.cleaned_data["version"], "by": by}

    #: Said above the form when the step needs explaining.
    lead = ""

    #: The fields that appoint people from the council's list, each with the words of its
    #: page's link to adding someone to the list and coming back with them chosen.
    appoints: dict[str, str] = {}

    def missing_people(self) -> list[str]:
        """Who the council's list cannot offer yet, in words, for a step that `appoints`."""
        return []

    def said(self) -> str:
        """What the step did, in words, for the message after it ("" to use the line it wrote
        in the case's timeline)."""
        return ""

    def done(self) -> tuple[str, str] | None:
        """Where to go once the step is saved and what to say there, for a step that cannot
        return to the case page with "saved" (None: it can)."""
        return None
