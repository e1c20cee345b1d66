"""Form pieces shared by every app's GOV.UK forms."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

from fairhear.versions import version_of

#: A choice field's options: (value, label) pairs, or (group label, pairs) groups.
Choices = Sequence[tuple[Any, Any]]


class DateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages that name the date.

    crispy-forms-gds reports an impossible date such as 31 February with Python's own
    wording ("day is out of range for month"); this says what the person must do.
    """

    def __init__(self, *, label: str, required: bool = True, **kwargs: Any) -> None:
        super().__init__(label=label, required=required, **kwargs)
        what = label[0].lower() + label[1:]
        self.error_messages["required"] = f"Enter the {what}"
        self.error_messages["incomplete"] = f"Enter the {what} as a day, month and year"
        self.error_messages["invalid"] = f"The {what} must be a real date"

    def compress(self, data_list: list[Any]) -> date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class GovUKForm(forms.Form):
    """A form rendered with the GOV.UK Design System: each field by its kind of widget, then
    one button. Subclasses set `submit_label`, or override `layout_fields` for another order
    or layout."""

    submit_label = "Save"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self) -> list[Any]:
        return [layout_field(name, field) for name, field in self.fields.items()]


class FilterForm(GovUKForm):
    """The filters of a list, sent by GET: a search changes nothing, so it carries no CSRF
    token (which would only fill the page's address)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True


def layout_field(name: str, field: forms.Field) -> Any:
    """The crispy-forms-gds layout object for a field, chosen by its widget."""
    widget = field.widget
    if isinstance(widget, forms.HiddenInput | forms.FileInput) or isinstance(field, DateInputField):
        return Field(name)
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return Field.checkboxes(name, legend_size=Size.SMALL)
    if isinstance(widget, forms.RadioSelect):
        # The field keeps its widget's choices the same as its own.
        inline = len(list(widget.choices)) <= 2
        return Field.radios(name, legend_size=Size.SMALL, inline=inline)
    if isinstance(widget, forms.Select):
        return Field.select(name)
    if isinstance(widget, forms.Textarea):
        # crispy-forms-gds gives every text box 10 rows unless told the widget's own.
        if "rows" in widget.attrs:
            return Field.textarea(name, rows=int(widget.attrs["rows"]))
        return Field.textarea(name)
    return Field.text(name)


def offer(form: forms.BaseForm, name: str, choices: QuerySet[Any] | Choices) -> None:
    """Offer `choices` in the form's choice field `name`: a queryset in a model choice field,
    pairs or groups in any other.

    A form decides what to offer when it is made (what runs today, what a record names
    already), and django-stubs types `form.fields` as plain fields, which have neither
    `queryset` nor `choices`: the field's kind is checked here once, not ignored in each form.
    """
    field = form.fields[name]
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(choices, QuerySet):
            raise TypeError(f"{name} is a model choice field: offer it a queryset")
        field.queryset = choices
    elif isinstance(field, forms.ChoiceField) and not isinstance(choices, QuerySet):
        field.choices = choices
    else:
        raise TypeError(f"{name} is not a choice field for {type(choices).__name__}")


def carry_version(form: GovUKForm, record: Model) -> None:
    """Give an edit form the hidden field that carries the version of the record it shows
    (`fairhear.versions`), so the service can refuse a save over someone else's change."""
    field = forms.CharField(widget=forms.HiddenInput, initial=version_of(record), required=False)
    form.fields["version"] = field
    form.helper.layout.insert(0, layout_field("version", field))
