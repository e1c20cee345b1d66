"""What the casework pages share: a page of a long list, and the save-and-return of a form page."""

from collections.abc import Callable
from typing import Any, Protocol

from auditlog.signals import accessed
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render

from fairhear.audit import acting_as
from fairhear.casework import services
from fairhear.casework.models import Contact
from fairhear.web.http import AuthenticatedHttpRequest


def log_view(request: AuthenticatedHttpRequest, record: Model) -> None:
    """Record in the view log that this member of staff saw the record's personal data."""
    with acting_as(request.user):
        accessed.send(sender=type(record), instance=record)


def paged(request: AuthenticatedHttpRequest, rows: QuerySet[Any]) -> dict[str, Any]:
    """The page of `rows` asked for (50 a page), for web/includes/pagination.html."""
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "elided": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "query": query.urlencode(),
    }


class ActingForm(Protocol):
    """A form page's form: valid or not, then `act` calls one service."""

    def is_valid(self) -> bool: ...

    def add_error(self, field: str | None, error: str) -> None: ...

    def act(self, by: User) -> Any: ...


def save_form(
    request: AuthenticatedHttpRequest,
    form: ActingForm,
    *,
    title: str,
    saved: str | Callable[[Any], str],
    back: str,
    then: Callable[[Any], str],
    contact: Contact | None = None,
) -> HttpResponse:
    """A form page not about one case's step: on a valid save, say `saved` (words, or words
    made from the saved record) and go to `then(saved record)`; otherwise show the form
    again with what is wrong."""
    if request.method == "POST" and form.is_valid():
        try:
            record = form.act(request.user)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, saved if isinstance(saved, str) else saved(record))
            return redirect(then(record))
    return render(
        request,
        "casework/form.html",
        {"form": form, "title": title, "back": back, "contact": contact},
    )
