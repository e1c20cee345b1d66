"""Letters' pages: the council's templates, and a case's letters (write, send, download)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from fairhear.casework import selectors as casework
from fairhear.casework.codes import LetterChannel
from fairhear.casework.models import Contact
from fairhear.casework.services import CaseworkError
from fairhear.casework.views.base import log_view
from fairhear.letters import engine, notices, selectors, services
from fairhear.letters.forms import (
    ChooseLetterForm,
    LetterForm,
    PreferencesForm,
    StepNoticesForm,
    TemplateForm,
)
from fairhear.letters.kinds import FIELDS, Audience, LetterKind, marking_gaps, missing_fields
from fairhear.letters.models import Letter
from fairhear.letters.pdf import letter_as_pdf
from fairhear.letters.word import letter_as_word
from fairhear.web.http import AuthenticatedHttpRequest

EDIT_TEMPLATES = "letters.change_lettertemplate"
SEND = "casework.manage_cases"


def _letter(kind: str, audience: str) -> tuple[LetterKind, Audience]:
    try:
        return LetterKind(kind), Audience(audience)
    except ValueError:
        raise Http404("No such letter") from None


@login_required
@permission_required(EDIT_TEMPLATES, raise_exception=True)
def template_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "letters/templates.html",
        {"wordings": selectors.every_wording(), "notices_on": notices.switched_on()},
    )


@login_required
@permission_required(EDIT_TEMPLATES, raise_exception=True)
def step_notices(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StepNoticesForm(
        request.POST or None, initial={"switched_on": "yes" if notices.switched_on() else "no"}
    )
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data["switched_on"]
        try:
            services.switch_step_notices(on=on, by=request.user)
        except services.LetterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Step notices are {'on' if on else 'off'}.")
            return redirect("letters:templates")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Notices when a case moves to a new step",
            "back": reverse("letters:templates"),
        },
    )


@login_required
@permission_required(EDIT_TEMPLATES, raise_exception=True)
def edit_template(request: AuthenticatedHttpRequest, kind: str, audience: str) -> HttpResponse:
    letter_kind, letter_audience = _letter(kind, audience)
    wording = selectors.wording_of(letter_kind, letter_audience)
    if request.method == "POST" and "restore" in request.POST:
        services.restore_default_template(letter_kind, letter_audience, by=request.user)
        messages.success(request, f"{letter_kind.label}: the default wording is back.")
        return redirect("letters:templates")
    form = TemplateForm(
        request.POST or None, initial={"subject": wording.subject, "body": wording.body}
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if "preview" in request.POST:
            preview = _preview(request, form, d["subject"], d["body"], letter_kind)
        else:
            try:
                services.save_template(
                    letter_kind,
                    letter_audience,
                    subject=d["subject"],
                    body=d["body"],
                    by=request.user,
                )
            except services.LetterError as error:
                form.add_error("body", str(error))
            else:
                version = letter_audience.label.lower()
                messages.success(request, f"{letter_kind.label} ({version}) was saved.")
                return redirect("letters:templates")
    return render(
        request,
        "letters/edit_template.html",
        {
            "form": form,
            "wording": wording,
            "title": f"{letter_kind.label}: {letter_audience.label.lower()}",
            "fields": FIELDS,
            "preview": preview,
        },
    )


def _preview(
    request: AuthenticatedHttpRequest, form: TemplateForm, subject: str, body: str, kind: LetterKind
) -> dict[str, str] | None:
    """The wording filled in from a case the user may see (or with each field's name)."""
    reference = form.cleaned_data["preview_case"].strip()
    if reference:
        try:
            contact = casework.get_case_for(request.user, reference)
        except Http404:
            form.add_error("preview_case", f"There is no case {reference} that you can see.")
            return None
        values = marking_gaps(
            kind, selectors.letter_values(contact, sender=request.user, today=date.today())
        )
    else:
        values = {name: f"[{name}]" for name in FIELDS}
    try:
        return {
            "subject": engine.render(subject, values),
            "body": engine.render(body, values),
            "case": reference,
        }
    except engine.TemplateProblem as problem:
        form.add_error("body", str(problem))
        return None


@login_required
@permission_required("casework.view_cases", raise_exception=True)
@require_GET
def case_letters(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    contact = casework.get_case_for(request.user, reference)
    choose = ChooseLetterForm(
        initial={
            "kind": selectors.suggested_letter(contact).value,
            "audience": selectors.preferred_audience(contact).value,
        }
    )
    response = render(
        request,
        "letters/case.html",
        {
            "contact": contact,
            "letters": selectors.letters_of(contact),
            "notices": selectors.notices_of(contact),
            "choose": choose,
            "suggested": selectors.suggested_letter(contact),
        },
    )
    # The letters' subjects and addresses are the case's personal data: a view of the case.
    log_view(request, contact)
    return response


@login_required
@permission_required(SEND, raise_exception=True)
def write_letter(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    contact = casework.get_case_for(request.user, reference)
    kind, audience = _letter(
        request.GET.get("kind") or selectors.suggested_letter(contact).value,
        request.GET.get("audience") or selectors.preferred_audience(contact).value,
    )
    values = selectors.letter_values(contact, sender=request.user, today=date.today())
    wording = selectors.wording_of(kind, audience)
    marked = marking_gaps(kind, values)
    try:
        initial = {
            "version": contact.version,
            "subject": engine.render(wording.subject, marked),
            "body": engine.render(wording.body, marked),
        }
    except engine.TemplateProblem as problem:
        # A template saved before a field was renamed: the page says so rather than failing.
        initial = {"version": contact.version, "subject": "", "body": ""}
        messages.error(request, str(problem))
    form = LetterForm(
        request.POST or None, initial=initial, channels=selectors.channels_offered(contact)
    )
    if request.method == "POST" and form.is_valid():
        letter = _send(request, contact, form, kind, audience)
        if letter is not None:
            return redirect("letters:case", reference=contact.reference)
    if request.method == "GET":
        # The letter as drafted shows the complainant's name and address.
        log_view(request, contact)
    return render(
        request,
        "letters/write.html",
        {
            "form": form,
            "contact": contact,
            "kind": kind,
            "audience": audience,
            "title": f"{kind.label} ({audience.label.lower()})",
            "missing": missing_fields(kind, values),
            "back": reverse("letters:case", kwargs={"reference": contact.reference}),
        },
    )


def _send(
    request: AuthenticatedHttpRequest,
    contact: Contact,
    form: LetterForm,
    kind: LetterKind,
    audience: Audience,
) -> Letter | None:
    d = form.cleaned_data
    send = (
        services.send_letter_by_email
        if d["channel"] == LetterChannel.EMAIL
        else services.record_letter_for_post
    )
    try:
        letter = send(
            contact,
            version=d["version"],
            kind=kind,
            audience=audience,
            subject=d["subject"],
            body=d["body"],
            by=request.user,
        )
    except CaseworkError as error:
        form.add_error(None, str(error))
        return None
    if letter.channel == LetterChannel.EMAIL:
        messages.success(request, f"{kind.label} was sent by email to {letter.sent_to}.")
    else:
        messages.success(
            request,
            f"{kind.label} is kept on the case to send by post: download it as Word or PDF to "
            "print.",
        )
    return letter


@login_required
@permission_required("casework.view_cases", raise_exception=True)
@require_GET
def letter_word(request: AuthenticatedHttpRequest, reference: str, pk: int) -> HttpResponse:
    contact = casework.get_case_for(request.user, reference)
    letter = selectors.letter_on(contact, pk)
    log_view(request, letter)
    response = HttpResponse(
        letter_as_word(letter),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{contact.reference}-{letter.kind}-{letter.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@permission_required("casework.view_cases", raise_exception=True)
@require_GET
def letter_pdf(request: AuthenticatedHttpRequest, reference: str, pk: int) -> HttpResponse:
    contact = casework.get_case_for(request.user, reference)
    letter = selectors.letter_on(contact, pk)
    log_view(request, letter)
    response = HttpResponse(letter_as_pdf(letter), content_type="application/pdf")
    name = f"{contact.reference}-{letter.kind}-{letter.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@permission_required(SEND, raise_exception=True)
def preferences(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    contact = casework.get_case_for(request.user, reference)
    formats = [name for name in ("large_print", "easy_read") if getattr(contact, name)]
    form = PreferencesForm(
        request.POST or None,
        initial={
            "version": contact.version,
            "letters_by": contact.letters_by,
            "formats": formats,
            "language": contact.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.set_letter_preferences(
                contact,
                version=d["version"],
                letters_by=d["letters_by"],
                large_print="large_print" in d["formats"],
                easy_read="easy_read" in d["formats"],
                language=d["language"],
                by=request.user,
            )
        except CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The complainant's letter preferences were saved.")
            return redirect("letters:case", reference=contact.reference)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "How the complainant would like letters",
            "back": reverse("letters:case", kwargs={"reference": contact.reference}),
        },
    )
