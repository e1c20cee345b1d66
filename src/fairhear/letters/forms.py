"""The letters' forms: a template's wording, choosing and sending a letter, how the
complainant would like letters, and the council's step notices switch."""

from typing import Any

from crispy_forms_gds.layout import Button, Field, Layout
from django import forms

from fairhear.casework.codes import LetterChannel
from fairhear.letters.kinds import KIND_TITLES, Audience
from fairhear.web.forms import FilterForm, GovUKForm

_AUDIENCES = [(audience.value, audience.label) for audience in Audience]


class LetterTextForm(GovUKForm):
    """A form with a letter's text: its box tall enough to read a whole letter."""

    def layout_fields(self) -> list[Any]:
        return [
            Field.textarea(name, rows=24) if name == "body" else field
            for name, field in zip(self.fields, super().layout_fields(), strict=True)
        ]


class TemplateForm(LetterTextForm):
    """A letter's wording, previewed against a real case before it is saved."""

    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(
        label="Text of the letter", widget=forms.Textarea(attrs={"spellcheck": "true"})
    )
    preview_case = forms.CharField(
        label="Preview with case (optional)",
        help_text="A case reference, such as C-2024-0001: the preview fills in its fields.",
        required=False,
        max_length=40,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            *self.layout_fields(),
            Button("preview", "Preview"),
            Button.secondary("save", "Save the template"),
        )


class ChooseLetterForm(FilterForm):
    """Which letter to write, sent by GET to the page that writes it."""

    kind = forms.ChoiceField(
        label="Letter", choices=list(KIND_TITLES.items()), widget=forms.RadioSelect
    )
    audience = forms.ChoiceField(label="Version", choices=_AUDIENCES, widget=forms.RadioSelect)
    submit_label = "Write the letter"


class LetterForm(LetterTextForm):
    """The generated letter, reviewed and edited, and how to send it."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    subject = forms.CharField(label="Subject", max_length=300)
    body = forms.CharField(
        label="Text of the letter", widget=forms.Textarea(attrs={"spellcheck": "true"})
    )
    channel = forms.ChoiceField(label="Send it by", widget=forms.RadioSelect)
    submit_label = "Send the letter"

    def __init__(self, *args: Any, channels: list[LetterChannel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            LetterChannel.EMAIL: "Email",
            LetterChannel.POST: "Post (keep it on the case, and download it as Word or PDF "
            "to print)",
        }
        choices = [(channel.value, labels[channel]) for channel in channels]
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.widget.choices = choices
        self.fields["channel"].initial = channels[0].value


class PreferencesForm(GovUKForm):
    """How the complainant would like the council's letters."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    letters_by = forms.ChoiceField(
        label="How would they like letters?",
        choices=[("", "No preference"), *LetterChannel.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    formats = forms.MultipleChoiceField(
        label="Accessible formats (optional)",
        choices=[("large_print", "Large print"), ("easy_read", "Easy read (plain words)")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.CharField(
        label="Letters in another language (optional)",
        help_text="The language, if they need letters translated.",
        required=False,
        max_length=100,
    )
    submit_label = "Save the preferences"


class StepNoticesForm(GovUKForm):
    """Whether complainants are told, by email or text, when their case moves to a new step."""

    switched_on = forms.TypedChoiceField(
        label="Tell complainants when their case moves to a new step?",
        help_text=(
            "A short email, or a text message when they prefer the phone, when Stage 1 starts, "
            "a stage is extended, a reply is sent, and a request for Stage 2 or 3 is accepted "
            "or declined. Not to complainants who asked for letters by post."
        ),
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
    )
    submit_label = "Save"
