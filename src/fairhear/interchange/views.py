from auditlog.signals import accessed
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from fairhear.audit import acting_as
from fairhear.interchange import exports, selectors, services
from fairhear.interchange.forms import ExportForm, UploadForm
from fairhear.interchange.models import ExportRequest, ImportRun
from fairhear.web.http import AuthenticatedHttpRequest

PERMISSION = "interchange.import_case_file"
# A report with thousands of problems is read a page at a time in the file, not here.
SHOWN_PROBLEMS = 500


@login_required
@permission_required(PERMISSION, raise_exception=True)
def case_file_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UploadForm()
    last_export = selectors.last_export_request(request.user)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["case_file"]
            try:
                run, _ = services.check_upload(upload, file_name=upload.name, by=request.user)
            except services.InterchangeError as error:
                form.add_error("case_file", str(error))
            else:
                return redirect("interchange:report", pk=run.pk)
    return render(
        request,
        "interchange/home.html",
        {
            "form": form,
            "imports": selectors.recent_imports(),
            "exports": selectors.recent_exports(),
            "export_form": ExportForm(),
            "last_export": last_export and exports.settle(last_export),
            "kept_hours": exports.kept_hours(),
        },
    )


@login_required
@permission_required(PERMISSION, raise_exception=True)
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun.objects.select_related("by"), pk=pk)
    return render(
        request,
        "interchange/report.html",
        {
            "run": run,
            "errors": run.errors[:SHOWN_PROBLEMS],
            "warnings": run.warnings[:SHOWN_PROBLEMS],
            "shown": SHOWN_PROBLEMS,
            "can_confirm": run.status == ImportRun.Status.CHECKED,
        },
    )


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def confirm_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    try:
        result = services.confirm_upload(run, by=request.user)
    except services.InterchangeError as error:
        messages.error(request, str(error))
    else:
        if result.imported:
            messages.success(request, f"Imported {run.file_name}.")
        else:
            messages.error(
                request,
                "The file now has errors (the data in Fairhear changed since it was checked): "
                "nothing was imported.",
            )
    return redirect("interchange:report", pk=run.pk)


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def cancel_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    try:
        services.cancel_upload(run, by=request.user)
    except services.InterchangeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Cancelled the import of {run.file_name}: nothing was written.")
    return redirect("interchange:home")


# ---------------------------------------------------------------------------- export


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def ask_for_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a zip of CSV files or an Excel workbook to export.")
        return redirect("interchange:home")
    export, asked = exports.ask_for_export(by=request.user, form=form.cleaned_data["form"])
    if not asked:
        messages.info(request, "Your last export is still being written: this is it.")
    return redirect("interchange:export-status", pk=export.pk)


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def export_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    export = exports.settle(_own_export(request, pk))
    return render(
        request, "interchange/export.html", {"export": export, "kept_hours": exports.kept_hours()}
    )


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def export_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The status page's panel alone, which frontend/js/refresh.js fetches while it changes."""
    export = exports.settle(_own_export(request, pk))
    return render(
        request,
        "interchange/includes/export_panel.html",
        {"export": export, "kept_hours": exports.kept_hours()},
    )


@require_GET
@login_required
@permission_required(PERMISSION, raise_exception=True)
def download_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    export = exports.settle(_own_export(request, pk))
    if export.status != ExportRequest.Status.READY:
        return redirect("interchange:export-status", pk=export.pk)
    try:
        stored = default_storage.open(export.file, "rb")
    except FileNotFoundError:
        exports.delete_now(export)
        messages.error(request, "The exported file has gone from the storage: export it again.")
        return redirect("interchange:export-status", pk=export.pk)
    with acting_as(request.user):
        accessed.send(sender=ExportRequest, instance=export)
    return FileResponse(
        stored,
        as_attachment=True,
        filename=exports.file_name(export),
        content_type=exports.CONTENT_TYPES[export.form],
    )


@require_POST
@login_required
@permission_required(PERMISSION, raise_exception=True)
def delete_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    export = exports.settle(_own_export(request, pk))
    if export.status == ExportRequest.Status.READY:
        exports.delete_now(export)
        messages.success(request, "Deleted the exported case file.")
    return redirect("interchange:export-status", pk=export.pk)


def _own_export(request: AuthenticatedHttpRequest, pk: int) -> ExportRequest:
    """The export if the signed-in person asked for it: the file is theirs alone, since the
    export is recorded in their name (another manager asks for their own)."""
    return get_object_or_404(ExportRequest, pk=pk, by=request.user)
