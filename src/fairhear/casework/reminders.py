"""Daily reminders: each responsible manager gets their cases due soon and overdue, and the
complaints team a digest. Sent once a day whatever how often it runs (ReminderSent)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from fairhear.accounts.roles import Role
from fairhear.casework.models import Contact, ReminderSent, Stage
from fairhear.casework.selectors import OPEN_STATES, council_counts
from fairhear.core.calendar import england_calendar
from fairhear.core.dates import long_date

MANAGER = "manager"
DIGEST = "digest"


@dataclass
class ReminderRun:
    """What one run sent, and what it skipped because it was sent earlier that day."""

    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)


def _horizon(today: date, within: int) -> date:
    return england_calendar().add_working_days(today, within)


def cases_by_manager(today: date, within: int) -> dict[User, list[Contact]]:
    """Open cases due within `within` working days (or overdue), by the manager answering the
    stage the case is at."""
    stages = (
        Stage.objects.filter(
            responsible_manager__isnull=False,
            responsible_manager__is_active=True,
            outcome="",
            contact__state__in=OPEN_STATES,
            contact__next_due__lte=_horizon(today, within),
        )
        .select_related("contact", "responsible_manager")
        .order_by("contact__next_due", "contact__reference", "-number")
    )
    found: dict[User, list[Contact]] = defaultdict(list)
    seen: set[int] = set()
    for stage in stages:
        if stage.contact_id in seen:
            continue  # the latest open stage of a case decides who answers it
        seen.add(stage.contact_id)
        assert stage.responsible_manager is not None
        found[stage.responsible_manager].append(stage.contact)
    return found


def _digest_recipients() -> list[str]:
    if settings.FAIRHEAR_COMPLAINTS_EMAIL:
        return [settings.FAIRHEAR_COMPLAINTS_EMAIL]
    team = User.objects.filter(
        is_active=True,
        groups__name__in=[Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER],
    ).exclude(email="")
    return sorted(set(team.values_list("email", flat=True)))


def _send_once(day: date, recipient: str, kind: str, subject: str, body: str, cases: int) -> bool:
    """Send unless already sent today; True when sent."""
    if ReminderSent.objects.filter(day=day, recipient=recipient, kind=kind).exists():
        return False
    send_mail(subject, body, None, [recipient])
    try:
        with transaction.atomic():
            ReminderSent.objects.create(day=day, recipient=recipient, kind=kind, cases=cases)
    except IntegrityError:
        pass  # another run sent it at the same moment and recorded it first
    return True


def send_reminders(*, today: date, within: int = 3) -> ReminderRun:
    """Email every responsible manager with cases due soon or overdue, and the team a digest."""
    run = ReminderRun()
    context = {
        "today": today,
        "within": within,
        "long_today": long_date(today),
    }
    for manager, cases in cases_by_manager(today, within).items():
        if not manager.email:
            continue
        overdue = [c for c in cases if c.next_due is not None and c.next_due < today]
        body = render_to_string(
            "casework/email/manager_reminder.txt",
            {
                **context,
                "manager": manager,
                "overdue": overdue,
                "due": [c for c in cases if c not in overdue],
            },
        )
        subject = f"Complaints due: {len(cases)} case{'s' if len(cases) != 1 else ''}"
        if overdue:
            subject += f", {len(overdue)} overdue"
        sent = _send_once(today, manager.email, MANAGER, subject, body, len(cases))
        (run.sent if sent else run.already_sent).append(manager.email)

    figures = council_counts(today)
    horizon = _horizon(today, within)
    due = list(
        Contact.objects.filter(state__in=OPEN_STATES, next_due__lte=horizon).order_by(
            "next_due", "reference"
        )[:200]
    )
    body = render_to_string(
        "casework/email/digest.txt",
        {
            **context,
            "figures": figures,
            "overdue": [c for c in due if c.next_due and c.next_due < today],
            "due": [c for c in due if c.next_due and c.next_due >= today],
        },
    )
    subject = (
        f"Complaints digest for {long_date(today)}: {figures['overdue']} overdue, "
        f"{figures['awaiting_triage']} awaiting triage"
    )
    for recipient in _digest_recipients():
        sent = _send_once(today, recipient, DIGEST, subject, body, len(due))
        (run.sent if sent else run.already_sent).append(recipient)
    return run
