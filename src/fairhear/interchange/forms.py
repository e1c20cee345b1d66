from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from fairhear.interchange.models import ExportRequest

# Far above a council's whole history (100,000 contacts zip to a few MB); stops a runaway upload.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(forms.Form):
    case_file = forms.FileField(
        label="Case file",
        help_text="A .zip of the CSV files, or one .xlsx workbook with a sheet for each file.",
        error_messages={"required": "Choose the case file to import"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("case_file"), Button("submit", "Check the file"))

    def clean_case_file(self) -> Any:
        upload = self.cleaned_data["case_file"]
        name = upload.name.lower()
        if not name.endswith((".zip", ".xlsx")):
            raise forms.ValidationError("The case file must be a .zip of CSV files or an .xlsx")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The case file must be smaller than 200 MB")
        return upload


class ExportForm(forms.Form):
    form = forms.TypedChoiceField(
        label="Export it as",
        choices=ExportRequest.Form.choices,
        coerce=ExportRequest.Form,
        initial=ExportRequest.Form.ZIP,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a zip of CSV files or an Excel workbook"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("form", legend_size=Size.SMALL),
            Button("export", "Export the case file"),
        )
