"""The demo council's day: who the people are, who investigates, and the work waiting today.

The case files the demo imports keep people as pseudonymous keys and name no investigator, as
the interchange format does. So that every role has a real day's work, this gives everyone a
fictional name, email and phone number (from Ofcom's ranges kept for drama), adds
the investigators, independent people and panel members, names them on past investigations,
and takes a few recent cases a step further through the services, as staff would: Stage 2
investigations with the demo investigator appointed, Stage 1 complaints for the demo service
manager to answer, and new contacts asking for a call back or an advocate.
"""

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework import services
from fairhear.casework.codes import Channel, ComplainantRole, Route
from fairhear.casework.models import Contact, Person, Practitioner, Stage, phone_digits
from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.core.procedure import CaseState
from fairhear.organisation.models import Team

FIRST_NAMES = (
    "Aisha", "Ben", "Callum", "Chloe", "Daniel", "Ellie", "Fatima", "George", "Grace", "Hannah",
    "Imran", "Jade", "Jamal", "Katie", "Liam", "Maya", "Megan", "Mohammed", "Nathan", "Olivia",
    "Priya", "Ryan", "Sophie", "Tariq", "Zara", "Declan", "Bronwen", "Kwame", "Lucy", "Tomasz",
)  # fmt: skip
SURNAMES = (
    "Abbott", "Bhatti", "Brennan", "Carver", "Chowdhury", "Doherty", "Ellison", "Farrow",
    "Gallagher", "Hargreaves", "Hussain", "Iqbal", "Jennings", "Kowalski", "Lindqvist",
    "Mensah", "Moorcroft", "Nwosu", "Okafor", "Pemberton", "Quinlan", "Rafferty", "Sandhu",
    "Thackeray", "Underwood", "Varga", "Whitfield", "Yeoman", "Achterberg", "Blackwood",
)  # fmt: skip


#: Ofcom's phone number ranges for drama, a thousand numbers each (the last three digits).
DRAMA_NUMBERS = (
    "07700 900", "020 7946 0", "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0",
    "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0",
    "0161 496 0", "0191 498 0",
)  # fmt: skip


def drama_number(number: int) -> str:
    """The number-th fictional phone number (they repeat after 14,000 people)."""
    prefix = DRAMA_NUMBERS[(number // 1000) % len(DRAMA_NUMBERS)]
    return f"{prefix}{number % 1000:03d}"


@dataclass(frozen=True)
class DemoPractitioner:
    name: str
    organisation: str
    username: str = ""  # the demo sign-in that is this person


INVESTIGATORS = (
    DemoPractitioner("Ade Marchbank", "Marchbank Investigations", username="investigator"),
    DemoPractitioner("Rowan Threlkeld", "Threlkeld Associates"),
    DemoPractitioner("Nia Castellan", "Independent investigator"),
)
INDEPENDENT_PEOPLE = (
    DemoPractitioner("Bernadette Oyelaran", "Independent person"),
    DemoPractitioner("Huw Pendleford", "Independent person"),
)
PANEL_MEMBERS = (
    DemoPractitioner("Marcus Ellery", "Independent panel chair"),
    DemoPractitioner("Judith Amberley", "Independent panel member"),
    DemoPractitioner("Faisal Rahman", "Independent panel member"),
)

#: New contacts waiting this morning: how each came in, about which team, and whether the
#: complainant asked for a call back or for an advocate.
NEW_CONTACTS = (
    (Channel.ONLINE_FORM, "Leaving Care Team", True, None),
    (Channel.ONLINE_FORM, "Fostering Service", False, None),
    (Channel.TELEPHONE, "Children in Care Team", False, True),
    (Channel.EMAIL, "Assessment and Intervention Team", False, None),
)
SUMMARIES = (
    "Says the social worker has not returned calls for three weeks.",
    "Unhappy that contact arrangements were changed without being asked.",
    "The young person wants help to complain about a move of placement.",
    "Says the assessment report has mistakes about the family.",
)


def _user(username: str) -> User:
    user: User = get_user_model().objects.get(username=username)
    return user


def name_people(seed: int) -> int:
    """Give every person a fictional name, email and phone number. One bulk write: these are
    the demo's own people, written as it creates them, not a change to someone's record."""
    rng = random.Random(seed)
    people = list(Person.objects.order_by("pk"))
    for number, person in enumerate(people):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        person.name = f"{first} {last}"
        person.email = f"{first}.{last}.{number}@example.org".lower()
        person.phone = phone_digits(drama_number(number))
    Person.objects.bulk_update(people, ["name", "email", "phone"], batch_size=2000)
    return len(people)


def add_practitioners(by: User) -> dict[str, list[Practitioner]]:
    """The people the demo council appoints, the demo investigator among them."""

    def record(people: tuple[DemoPractitioner, ...]) -> list[Practitioner]:
        return [
            services.record_practitioner(
                by=by,
                name=person.name,
                organisation=person.organisation,
                email=f"{person.name.lower().replace(' ', '.')}@example.org",
                user=_user(person.username) if person.username else None,
            )
            for person in people
        ]

    return {
        "investigators": record(INVESTIGATORS),
        "independent": record(INDEPENDENT_PEOPLE),
        "panel": record(PANEL_MEMBERS),
    }


def name_past_investigators(people: dict[str, list[Practitioner]]) -> int:
    """Name an investigator and an independent person on every imported Stage 2 (the case
    files do not carry them), in turn, so each has a history of investigations."""
    stages = list(Stage.objects.filter(number=2, started__isnull=False).order_by("pk"))
    for number, stage in enumerate(stages):
        investigators, independent = people["investigators"], people["independent"]
        stage.investigating_officer = investigators[number % len(investigators)]
        stage.independent_person = independent[number % len(independent)]
    Stage.objects.bulk_update(stages, ["investigating_officer", "independent_person"])
    return len(stages)


@dataclass
class Today:
    """Takes recent cases a step further, dated up to `until`, by the demo's staff."""

    until: date
    officer: User
    people: dict[str, list[Practitioner]]
    calendar: WorkingDayCalendar

    def working_days_ago(self, n: int) -> date:
        return self.calendar.add_working_days(self.until, -n)

    def start_investigations(self, how_many: int) -> list[Contact]:
        """The Stage 2 requests waiting, and the latest Stage 1 replies asked to go further:
        accepted, with the demo investigator appointed and the statement agreed."""
        waiting = list(
            Contact.objects.filter(state=CaseState.STAGE_2_REQUESTED).order_by("received")
        )
        recent = Contact.objects.filter(
            state=CaseState.CLOSED,
            route=Route.STATUTORY,
            stages__number=1,
            stages__responded__gte=self.working_days_ago(12),
        ).exclude(stages__number=2)
        for contact in recent.order_by("-received")[: max(0, how_many - len(waiting))]:
            responded = contact.stages.get(number=1).responded
            assert responded is not None
            on = min(self.calendar.add_working_days(responded, 2), self.until)
            waiting.append(
                services.request_stage_two(contact, version=contact.version, on=on, by=self.officer)
            )
        started = []
        investigator = self.people["investigators"][0]
        for number, contact in enumerate(waiting):
            stage = contact.stages.get(number=2)
            assert stage.requested is not None
            on = min(self.calendar.add_working_days(stage.requested, 2), self.until)
            if contact.state == CaseState.STAGE_2_REQUESTED:
                contact = services.accept_request(
                    contact, number=2, version=contact.version, on=on, by=self.officer
                )
            contact = services.appoint_investigators(
                contact,
                version=contact.version,
                investigating_officer=investigator,
                independent_person=self.people["independent"][number % 2],
                by=self.officer,
            )
            if stage.started is None:
                contact = services.agree_statement_of_complaint(
                    contact, version=contact.version, on=on, by=self.officer
                )
            started.append(contact)
        return started

    def stage_one_for(self, manager: User, area_name: str, received_ago: tuple[int, ...]) -> None:
        """Complaints in the manager's service area at Stage 1, with them as the manager who
        replies: received long enough ago that one is overdue and one nearly due."""
        teams = list(Team.objects.filter(service_area__name=area_name, ended__isnull=True))
        for number, days in enumerate(received_ago):
            received = self.working_days_ago(days)
            contact = self._log(
                received, Channel.EMAIL, teams[number % len(teams)], SUMMARIES[number % 4]
            )
            contact = services.triage_contact(
                contact,
                version=contact.version,
                route=Route.STATUTORY,
                reason="A complaint about the service to a child in care: Stage 1.",
                eligible=True,
                on=received,
                by=self.officer,
            )
            services.assign_responsible_manager(
                contact, version=contact.version, manager=manager, by=self.officer
            )

    def new_contacts(self) -> None:
        """This morning's post: contacts waiting for triage, some asking for a call back or
        an advocate."""
        for number, (channel, team_name, call_back, advocacy) in enumerate(NEW_CONTACTS):
            team = Team.objects.get(name=team_name, ended__isnull=True)
            received = self.working_days_ago(number % 2)
            self._log(received, channel, team, SUMMARIES[number], call_back, advocacy)

    def _log(
        self,
        received: date,
        channel: str,
        team: Team,
        summary: str,
        call_back: bool = False,
        advocacy: bool | None = None,
    ) -> Contact:
        rng = random.Random(f"{received}{summary}")
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        person = services.record_person(
            name=f"{first} {last}",
            email=f"{first}.{last}@example.org".lower(),
            phone=drama_number(rng.randrange(14000)),
            by=self.officer,
        )
        return services.log_contact(
            received=received,
            channel=channel,
            complainant=person,
            complainant_role=ComplainantRole.PARENT,
            service_area=team.service_area,
            team=team,
            summary=summary,
            call_back_requested=call_back,
            advocacy_requested=advocacy,
            by=self.officer,
        )


def fill_todays_work(*, seed: int, until: date, by: User) -> dict[str, int]:
    """Everything above, in one transaction, after the case files are imported."""
    with transaction.atomic(), acting_as(by):
        named = name_people(seed)
        people = add_practitioners(by)
        past = name_past_investigators(people)
        today = Today(
            until=until, officer=_user("officer"), people=people, calendar=england_calendar()
        )
        started = today.start_investigations(3)
        today.stage_one_for(
            _user("service-manager"), "Children in Care and Care Leavers", received_ago=(12, 8, 3)
        )
        today.new_contacts()
    return {
        "people named": named,
        "past investigations": past,
        "investigations started": len(started),
    }
