"""The public pages: thin views over the journeys, the draft services and the selectors."""

from datetime import date
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from fairhear.letters.selectors import letters_of
from fairhear.public import services
from fairhear.public.forms import AttachmentForm, PublicForm
from fairhear.public.journeys import COMPLIMENT, JOURNEYS, Journey
from fairhear.public.models import Draft
from fairhear.public.ratelimit import take_token
from fairhear.public.selectors import progress_of, submission_for_status_token
from fairhear.web.http import client_address

HONEYPOT = "website"
TOO_MANY_FILES = (
    "Too many files have been uploaded from your connection in the last hour. Try again "
    "later, or continue without this file and send it to the complaints team afterwards"
)
SENT_KEY = "public-sent-{journey}"


def _journey(name: str) -> Journey:
    journey = JOURNEYS.get(name)
    if journey is None:
        raise Http404
    return journey


def _cookie(journey: Journey) -> str:
    return f"fairhear-{journey.name}"


def _draft(request: HttpRequest, journey: Journey) -> Draft | None:
    return services.find_draft(journey.name, request.COOKIES.get(_cookie(journey), ""))


def _keep_cookie(response: HttpResponse, journey: Journey, token: str) -> HttpResponse:
    response.set_cookie(
        _cookie(journey),
        token,
        max_age=settings.FAIRHEAR_PUBLIC_DRAFT_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _step_url(journey: Journey, slug: str, *, change: bool = False) -> str:
    url = reverse("public:step", kwargs={"journey": journey.name, "slug": slug})
    return url + "?change=1" if change else url


def _refused(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return render(request, "public/refused.html", {"reason": reason}, status=status)


def _looks_automated(request: HttpRequest) -> bool:
    # People never see the honeypot field (it is hidden), so only robots fill it in.
    return bool(request.POST.get(HONEYPOT))


@never_cache
def start(request: HttpRequest, journey: str) -> HttpResponse:
    """Start the journey, or carry on where the visitor left off."""
    the_journey = _journey(journey)
    draft = _draft(request, the_journey)
    if draft is not None and the_journey.first_unanswered(draft.answers) is None:
        return redirect("public:check", journey=the_journey.name)
    step = the_journey.first_unanswered(draft.answers if draft else {}) or the_journey.steps[0]
    return redirect(_step_url(the_journey, step.slug))


@never_cache
def step(request: HttpRequest, journey: str, slug: str) -> HttpResponse:
    the_journey = _journey(journey)
    the_step = the_journey.step(slug)
    if the_step is None:
        raise Http404
    draft = _draft(request, the_journey)
    answers = draft.answers if draft else {}
    missing = the_journey.first_unanswered(answers)
    position = [s.slug for s in the_journey.steps].index(slug)
    if missing is not None and [s.slug for s in the_journey.steps].index(missing.slug) < position:
        # Questions are answered in order: a later page cannot be reached by its address.
        return redirect(_step_url(the_journey, missing.slug))
    changing = request.GET.get("change") == "1"
    documents = the_step.form is AttachmentForm
    already = draft.attachments.count() if draft and documents else 0
    form_kwargs: dict[str, Any] = {"answers": answers}
    if documents:
        form_kwargs["already"] = already
    form: PublicForm
    if request.method == "POST":
        if _looks_automated(request):
            return _refused(request, "automated", 400)
        removing = request.POST.get("remove", "")
        if documents and removing.isdigit() and draft is not None:
            services.remove_attachment(draft, int(removing))
            return redirect(request.get_full_path())
        form = the_step.form(request.POST, request.FILES, **form_kwargs)
        uploading = documents and form.is_valid() and form.cleaned_data.get("file") is not None
        if uploading and not take_token(
            "upload", client_address(request), capacity=settings.FAIRHEAR_PUBLIC_UPLOADS_PER_HOUR
        ):
            form.add_error("file", TOO_MANY_FILES)
        if form.is_valid():
            token = ""
            if draft is None:
                # Each form started keeps a row (and maybe files): a limit per address.
                if not take_token(
                    "draft",
                    client_address(request),
                    capacity=settings.FAIRHEAR_PUBLIC_DRAFTS_PER_HOUR,
                ):
                    return _refused(request, "too_many_started", 429)
                draft, token = services.start_draft(the_journey.name)
            if uploading:
                assert isinstance(form, AttachmentForm)
                try:
                    services.attach_file(draft, form.cleaned_data["file"], form.content_type)
                except services.PublicFormError as error:
                    form.add_error("file", str(error))
                else:
                    if request.POST.get("action") == "upload":
                        response: HttpResponse = redirect(request.get_full_path())
                        return _keep_cookie(response, the_journey, token) if token else response
            if form.is_valid():  # the file, if any, was taken
                data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
                services.save_answers(draft, slug, data)
                following = the_journey.first_unanswered(draft.answers)
                if changing or following is None:
                    response = redirect("public:check", journey=the_journey.name)
                else:
                    after = the_journey.after(slug)
                    response = redirect(_step_url(the_journey, after.slug if after else slug))
                return _keep_cookie(response, the_journey, token) if token else response
    else:
        form = the_step.form(initial=answers.get(slug), **form_kwargs)
    before = the_journey.before(slug)
    if changing:
        back = reverse("public:check", kwargs={"journey": the_journey.name})
    elif before is not None:
        back = _step_url(the_journey, before.slug)
    else:
        back = reverse("web:home")
    return render(
        request,
        "public/documents.html" if documents else "public/question.html",
        {
            "journey": the_journey,
            "form": form,
            "back_url": back,
            "attachments": list(draft.attachments.all()) if draft and documents else [],
        },
    )


@never_cache
def check_answers(request: HttpRequest, journey: str) -> HttpResponse:
    the_journey = _journey(journey)
    draft = _draft(request, the_journey)
    if draft is None:
        return redirect("public:start", journey=the_journey.name)
    missing = the_journey.first_unanswered(draft.answers)
    if missing is not None:
        return redirect(_step_url(the_journey, missing.slug))
    if request.method == "POST":
        if _looks_automated(request):
            return _refused(request, "automated", 400)
        if not take_token("submit", client_address(request)):
            return _refused(request, "too_many", 429)
        try:
            outcome = _send(request, the_journey, draft)
        except services.PublicFormError:
            return redirect("public:start", journey=the_journey.name)
        request.session[SENT_KEY.format(journey=the_journey.name)] = outcome
        response: HttpResponse = redirect("public:sent", journey=the_journey.name)
        response.delete_cookie(_cookie(the_journey), samesite="Lax")
        return response
    # The answers in the journey's sections, each a summary list under its own heading.
    sections: list[dict[str, Any]] = []
    for a_step in the_journey.steps:
        form = a_step.form(answers=draft.answers)
        if isinstance(form, AttachmentForm):
            names = ", ".join(a.original_name for a in draft.attachments.all())
            rows = [("Documents or photos", names)]
        else:
            rows = form.summary(draft.answers[a_step.slug])
        if not sections or sections[-1]["title"] != a_step.section:
            sections.append({"title": a_step.section, "rows": []})
        sections[-1]["rows"].extend(
            {
                "question": q,
                "answer": answer,
                "url": _step_url(the_journey, a_step.slug, change=True),
            }
            for q, answer in rows
        )
    return render(
        request,
        "public/check.html",
        {
            "journey": the_journey,
            "sections": sections,
            "honeypot": HONEYPOT,
            "back_url": _step_url(the_journey, the_journey.steps[-1].slug),
        },
    )


def _send(request: HttpRequest, journey: Journey, draft: Draft) -> dict[str, Any]:
    """Send the draft; what the confirmation page needs, kept in the session."""
    if journey is COMPLIMENT:
        services.submit_compliment(draft)
        return {}
    ack = services.submit_complaint(
        draft,
        status_url=lambda token: request.build_absolute_uri(
            reverse("public:status", kwargs={"token": token})
        ),
    )
    return {
        "reference": ack.reference,
        "token": ack.status_token,
        "reply_due": ack.reply_due.isoformat(),
        "emailed": ack.emailed,
        "email_failed": bool(ack.email) and not ack.emailed,
    }


@never_cache
def sent(request: HttpRequest, journey: str) -> HttpResponse:
    the_journey = _journey(journey)
    # Shown once: on a shared computer the next person must not find the reference and the
    # private status link by opening this page again.
    outcome = request.session.pop(SENT_KEY.format(journey=the_journey.name), None)
    if outcome is None:
        return redirect("web:home")
    if the_journey is COMPLIMENT:
        return render(request, "public/compliment_sent.html", {"journey": the_journey})
    return render(
        request,
        "public/sent.html",
        {
            "journey": the_journey,
            "reference": outcome["reference"],
            "reply_due": date.fromisoformat(outcome["reply_due"]),
            "status_url": request.build_absolute_uri(
                reverse("public:status", kwargs={"token": outcome["token"]})
            ),
            "emailed": outcome["emailed"],
            "email_failed": outcome.get("email_failed", False),
        },
    )


@never_cache
def status(request: HttpRequest, token: str) -> HttpResponse:
    submission = submission_for_status_token(token)
    if submission is None:
        raise Http404
    response = render(
        request,
        "public/status.html",
        {
            "progress": progress_of(submission.contact),
            "letters": letters_of(submission.contact),
        },
    )
    # The address holds the private token: keep it out of other sites' logs.
    response["Referrer-Policy"] = "no-referrer"
    return response
