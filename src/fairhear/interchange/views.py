import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fairhear.interchange import files, selectors, services
from fairhear.interchange.forms import UploadForm
from fairhear.interchange.models import CaseFileExport, ImportRun
from fairhear.web.http import AuthenticatedHttpRequest

PERMISSION = "interchange.import_case_file"
# A report with thousands of problems is read a page at a time in the file, not here.
SHOWN_PROBLEMS = 500


@login_required
@permission_required(PERMISSION, raise_exception=True)
def case_file_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UploadForm()
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


@login_required
@permission_required(PERMISSION, raise_exception=True)
def export_case_file(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    if kind not in ("zip", "xlsx"):
        raise Http404("No such export")
    try:
        exported = services.export_case_file(by=request.user, form=CaseFileExport.Form(kind))
    except services.InterchangeError as error:
        messages.error(request, str(error))
        return redirect("interchange:home")
    buffer = io.BytesIO()
    if kind == "zip":
        files.write_zip(exported.tables, buffer, exported.files())
        content_type = "application/zip"
    else:
        files.write_workbook(exported.tables, buffer)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    name = f"case-file-{date.today().isoformat()}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
