"""Form pieces shared by every app's GOV.UK forms."""

from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


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
