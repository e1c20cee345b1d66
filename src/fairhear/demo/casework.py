"""The demo council's case data: years of contacts, complaints through the three stages, the
Ombudsman, costs, learning, compliments and context figures. Fictional and deterministic: the
same seed, scale, years and end date always give the same case files.

Pure: it makes interchange records (one case file per financial year), which the case-file
writer puts into the database. People appear only as pseudonymous keys, never by name.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from fairhear.core.calendar import WorkingDayCalendar, england_calendar
from fairhear.interchange.records import (
    ActionRecord,
    BenchmarkRecord,
    CaseFile,
    CategoryOutcomeRecord,
    ComplimentRecord,
    ContactRecord,
    ContextRecord,
    CostRecord,
    OmbudsmanRecord,
    StageRecord,
)

CATEGORIES = (
    "Disagreement with policy or decision",
    "Staff attitude",
    "Poor quality of service",
    "Non-provision of service",
    "Communication",
    "Delay in service provision",
)

# Contacts a year at scale 1, by route: a few dozen to a hundred statutory complaints, as in
# the published reports, among many more enquiries and representations.
ROUTE_VOLUMES = {
    "statutory": 90,
    "corporate": 150,
    "representation": 900,
    "member_enquiry": 600,
    "mp_enquiry": 150,
    "not_accepted": 110,
}
CHANNELS = {
    "email": 38,
    "online_form": 22,
    "telephone": 18,
    "letter": 8,
    "advocate": 5,
    "app": 3,
    "paper_form": 2,
    "in_person": 2,
    "text": 1,
    "other": 1,
}
ROLES = {
    "parent": 52,
    "relative_or_carer": 12,
    "child": 9,
    "advocate": 9,
    "foster_carer": 6,
    "special_guardian": 3,
    "professional": 4,
    "organisation": 3,
    "other": 2,
}
CHILD_STATUSES = {
    "child_in_need": 24,
    "child_protection": 18,
    "child_in_care": 26,
    "care_leaver": 9,
    "disabled_children": 8,
    "early_help": 7,
    "adoption": 2,
    "fostering": 3,
    "none": 3,
}
AGE_BANDS = {"0-4": 20, "5-9": 22, "10-15": 33, "16-17": 14, "18-24": 11}
# Equality answers in the words the forms offer (the council's list, seeded with the census
# 2021 categories: casework/census.py); an empty answer is "not known".
GENDERS = {"Female": 48, "Male": 46, "": 6}
ETHNICITIES = {
    "White: English, Welsh, Scottish, Northern Irish or British": 62,
    "White: Other White background": 7,
    "Mixed or Multiple ethnic groups: White and Black Caribbean": 5,
    "Mixed or Multiple ethnic groups: White and Asian": 4,
    "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic background": 3,
    "Asian or Asian British: Pakistani": 5,
    "Asian or Asian British: Indian": 3,
    "Black, Black British, Caribbean or African: African": 5,
    "Black, Black British, Caribbean or African: Caribbean": 2,
    "": 4,
}
OUTCOMES = {"upheld": 20, "partly_upheld": 28, "not_upheld": 47, "no_finding": 5}
ACTIONS = {
    "apology": 30,
    "explanation": 15,
    "practice_change": 12,
    "training_or_guidance": 14,
    "policy_or_process_change": 6,
    "service_provided": 10,
    "assessment_changed": 5,
    "record_amended": 5,
    "financial_remedy": 3,
}
LESSONS = {
    "apology": "Apologised for {issue}.",
    "explanation": "Explained the decision and how it was reached.",
    "practice_change": "Team to confirm visit arrangements in writing after {issue}.",
    "training_or_guidance": "Reminder to staff about returning calls within two working days.",
    "policy_or_process_change": "Changed the process for sharing plans with families.",
    "service_provided": "Arranged the support that had been agreed.",
    "assessment_changed": "Reviewed the assessment with the family's views added.",
    "record_amended": "Corrected the case record.",
    "financial_remedy": "Reimbursed costs the family met because of {issue}.",
}
COMPLIMENT_TEXTS = (
    "Thank you for listening and for the support you gave our family.",
    "The social worker was kind, patient and always kept us informed.",
    "The young person wanted to thank their worker for helping them move on.",
    "The carers praised the team for quick and clear help.",
    "The school thanked the team for working well with them.",
    "The court commended the quality of the assessment.",
)
COMPLIMENT_SOURCES = {
    "parent_or_carer": 45,
    "child": 15,
    "professional": 18,
    "school": 8,
    "judiciary": 4,
    "community": 5,
    "other": 5,
}
BENCHMARK_COUNCILS = (
    "Eastmere Borough Council",
    "Harrowdene Council",
    "Kestlebury County Council",
    "Otterfield Metropolitan Borough Council",
)


@dataclass(frozen=True, slots=True)
class DemoTeam:
    name: str
    service_area: str
    started: date | None
    ended: date | None

    def runs_on(self, day: date) -> bool:
        return (self.started is None or self.started <= day) and (
            self.ended is None or day <= self.ended
        )


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def financial_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


@dataclass
class Generator:
    """Makes one financial year's case file at a time, remembering people across years."""

    seed: int
    scale: int
    teams: Sequence[DemoTeam]
    until: date
    calendar: WorkingDayCalendar = field(default_factory=england_calendar)
    rng: random.Random = field(init=False)
    people: list[str] = field(default_factory=list)
    complaints: list[tuple[str, date]] = field(default_factory=list)  # for the Ombudsman
    next_id: dict[str, int] = field(default_factory=lambda: {"action": 1, "cost": 1, "praise": 1})

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def years(self, count: int) -> Iterator[CaseFile]:
        last = financial_year(self.until)
        for year in range(last - count + 1, last + 1):
            yield self.year(year)

    # ------------------------------------------------------------------ one year

    def year(self, year: int) -> CaseFile:
        rng = self.rng
        first_day = date(year, 4, 1)
        last_day = min(date(year + 1, 3, 31), self.until)
        case_file = CaseFile()
        # Volumes drift from year to year, as they do in the published reports.
        drift = rng.uniform(0.8, 1.2)
        days = (last_day - first_day).days + 1
        share = days / 365
        received: list[tuple[date, str]] = []
        for route, volume in ROUTE_VOLUMES.items():
            count = round(volume * self.scale * drift * share * rng.uniform(0.9, 1.1))
            for _ in range(count):
                received.append((self._working_day(first_day, days), route))
        received.sort()
        for number, (day, route) in enumerate(received, start=1):
            self._contact(case_file, f"C-{year}-{number:04d}", day, route)
        for _ in range(round(8 * self.scale * drift * share)):
            self._ombudsman_case(case_file, year, first_day, days)
        for _ in range(round(110 * self.scale * drift * share)):
            self._compliment(case_file, first_day, days)
        self._figures(case_file, year)
        return case_file

    def _working_day(self, first_day: date, days: int) -> date:
        """A day in the period, moved on to a working day while one is left in it."""
        last_day = first_day + timedelta(days=days - 1)
        day = first_day + timedelta(days=self.rng.randrange(days))
        while not self.calendar.is_working_day(day) and day < last_day:
            day += timedelta(days=1)
        return day

    def _wd(self, start: date, n: int) -> date:
        return self.calendar.add_working_days(start, n)

    def _done(self, day: date) -> date | None:
        """A date that has happened by the end of the demo, else None (still open)."""
        return day if day <= self.until else None

    def _contact(self, case_file: CaseFile, reference: str, received: date, route: str) -> None:
        rng = self.rng
        team = rng.choice([team for team in self.teams if team.runs_on(received)])
        if self.people and rng.random() < 0.12:
            person = rng.choice(self.people)  # a repeat complainant
        else:
            person = f"P{len(self.people) + 1:07d}"
            self.people.append(person)
        role = _pick(rng, ROLES)
        categories = rng.sample(CATEGORIES, k=rng.choices((1, 2, 3), weights=(60, 30, 10))[0])
        contact = ContactRecord(
            reference=reference,
            received=received,
            route=route,
            channel=_pick(rng, CHANNELS),
            complainant=person,
            complainant_role=role,
            advocate=True if role == "advocate" else rng.choice((False, False, False, None)),
            child_status=_pick(rng, CHILD_STATUSES),
            service_area=team.service_area,
            team=team.name,
            categories=tuple(categories) if route in ("statutory", "corporate") else (),
            age_band=_pick(rng, AGE_BANDS),
            gender=_pick(rng, GENDERS),
            ethnicity=_pick(rng, ETHNICITIES),
            disability=rng.choices((True, False, None), weights=(12, 70, 18))[0],
            summary=f"{categories[0]}: concerns raised about the {team.name}.",
        )
        case_file.contacts.append(contact)
        if route == "statutory":
            self._statutory(case_file, contact)
        else:
            # Every other route gets a reply, a contact not accepted included: the letter
            # explaining why. Only the last few weeks' contacts are still open.
            contact.responded = self._done(self._wd(received, rng.randint(3, 25)))

    # ------------------------------------------------------------------ the stages

    def _statutory(self, case_file: CaseFile, contact: ContactRecord) -> None:
        rng = self.rng
        extended = rng.random() < 0.12
        stage = StageRecord(reference=contact.reference, stage=1, extended=extended)
        if extended:
            stage.extension_reason = "The complaint needed more time to look into fully."
        case_file.stages.append(stage)
        if rng.random() < 0.04:
            withdrawn = self._done(self._wd(contact.received, rng.randint(1, 8)))
            if withdrawn is not None:
                contact.withdrawn = withdrawn
                stage.outcome = "withdrawn"
            return
        limit = 20 if extended else 10
        late = rng.random() < 0.18
        days = rng.randint(limit + 1, limit + 15) if late else rng.randint(4, limit)
        stage.responded = self._done(self._wd(contact.received, days))
        if stage.responded is None:
            return
        stage.outcome = _pick(rng, OUTCOMES)
        if stage.outcome in ("upheld", "partly_upheld") and rng.random() < 0.45:
            self._action(case_file, contact, stage.responded)
        self.complaints.append((contact.reference, stage.responded))
        if stage.outcome != "upheld" and rng.random() < 0.09:
            self._stage_two(case_file, contact, stage.responded)

    def _stage_two(self, case_file: CaseFile, contact: ContactRecord, replied: date) -> None:
        rng = self.rng
        requested = self._done(self._wd(replied, rng.randint(2, 22)))
        if requested is None:
            return
        stage = StageRecord(reference=contact.reference, stage=2, requested=requested)
        case_file.stages.append(stage)
        if rng.random() < 0.06:
            stage.decision = "declined"
            stage.decline_reason = "The matters raised were fully answered at stage 1."
            stage.closed = self._done(self._wd(requested, 5))
            return
        stage.started = self._done(self._wd(requested, rng.randint(2, 12)))
        if stage.started is None:
            return
        stage.extended = rng.random() < 0.4
        if stage.extended:
            stage.extension_reason = "Several staff and records had to be seen."
        limit = 65 if stage.extended else 25
        late = rng.random() < 0.3
        days = rng.randint(limit + 1, limit + 30) if late else rng.randint(limit // 2, limit)
        responded = self._done(self._wd(stage.started, days))
        if responded is None:
            return
        report = self._wd(stage.started, max(1, days - rng.randint(3, 10)))
        stage.investigation_report = report
        stage.responded = responded
        stage.outcome = _pick(rng, OUTCOMES)
        for category in contact.categories:
            case_file.category_outcomes.append(
                CategoryOutcomeRecord(contact.reference, 2, category, _pick(rng, OUTCOMES))
            )
        self._cost(case_file, contact, report, "investigating_officer", 1500, 6500)
        self._cost(case_file, contact, report, "independent_person", 600, 2200)
        if stage.outcome in ("upheld", "partly_upheld"):
            self._action(case_file, contact, responded)
        if stage.outcome != "upheld" and rng.random() < 0.25:
            self._stage_three(case_file, contact, responded)

    def _stage_three(self, case_file: CaseFile, contact: ContactRecord, replied: date) -> None:
        rng = self.rng
        requested = self._done(self._wd(replied, rng.randint(3, 18)))
        if requested is None:
            return
        stage = StageRecord(reference=contact.reference, stage=3, requested=requested)
        case_file.stages.append(stage)
        stage.panel_held = self._done(self._wd(requested, rng.randint(12, 34)))
        if stage.panel_held is None:
            return
        self._cost(case_file, contact, stage.panel_held, "panel", 800, 2600)
        stage.panel_report = self._done(self._wd(stage.panel_held, rng.randint(2, 7)))
        if stage.panel_report is None:
            return
        stage.responded = self._done(self._wd(stage.panel_report, rng.randint(6, 18)))
        if stage.responded is not None:
            stage.outcome = _pick(rng, OUTCOMES)
            for category in contact.categories:
                case_file.category_outcomes.append(
                    CategoryOutcomeRecord(contact.reference, 3, category, _pick(rng, OUTCOMES))
                )

    # ------------------------------------------------------------------ the rest

    def _cost(
        self, case_file: CaseFile, contact: ContactRecord, day: date, kind: str, low: int, high: int
    ) -> None:
        amount = Decimal(self.rng.randint(low * 100, high * 100)) / 100
        case_file.costs.append(
            CostRecord(
                self._id("cost"), contact.reference, day, kind, amount.quantize(Decimal("0.01"))
            )
        )

    def _action(self, case_file: CaseFile, contact: ContactRecord, responded: date) -> None:
        rng = self.rng
        kind = _pick(rng, ACTIONS)
        issue = contact.categories[0].lower() if contact.categories else "the delay"
        due = responded + timedelta(days=rng.randint(14, 90))
        completed = self._done(due - timedelta(days=rng.randint(0, 20)))
        if completed is not None and completed < responded:
            completed = responded
        case_file.actions.append(
            ActionRecord(
                self._id("action"),
                contact.reference,
                kind,
                LESSONS[kind].format(issue=issue),
                contact.team,
                due,
                completed if rng.random() < 0.8 else None,
            )
        )

    def _ombudsman_case(self, case_file: CaseFile, year: int, first_day: date, days: int) -> None:
        rng = self.rng
        earlier = [item for item in self.complaints if item[1] < first_day + timedelta(days=days)]
        if not earlier:
            return
        reference, replied = rng.choice(earlier[-400:])
        last_day = first_day + timedelta(days=days - 1)
        received = min(max(replied + timedelta(days=rng.randint(20, 120)), first_day), last_day)
        number = sum(1 for case in case_file.ombudsman) + 1
        replied_on = self._done(received + timedelta(days=rng.randint(14, 30)))
        decided = self._done(received + timedelta(days=rng.randint(40, 220)))
        if decided is not None and replied_on is None:
            decided = None
        decisions = (
            {"closed_after_initial_enquiries": 50, "upheld": 28, "not_upheld": 14, "premature": 8}
            if year >= 2019
            else {
                "premature": 25,
                "upheld_maladministration_injustice": 25,
                "advice_given": 10,
                "ombudsman_discretion": 20,
                "not_upheld": 20,
            }
        )
        decision = _pick(rng, decisions) if decided else ""
        upheld = decision.startswith("upheld")
        remedies: tuple[str, ...] = ()
        financial = None
        if upheld:
            remedies = ("apology", "financial") if rng.random() < 0.6 else ("apology",)
            if rng.random() < 0.4:
                remedies += ("service_improvement",)
            if "financial" in remedies:
                financial = Decimal(rng.randrange(150, 1500, 50))
        case = OmbudsmanRecord(
            lgsco_reference=f"{year % 100:02d} {number:03d} {rng.randint(100, 999)}",
            reference=reference,
            received=received,
            council_replied=replied_on,
            decided=decided,
            decision=decision,
            remedy=remedies,
            financial_remedy=financial.quantize(Decimal("0.01")) if financial else None,
            satisfactory_remedy_by_council=(rng.random() < 0.2) if upheld else None,
            complied=True if upheld else None,
            summary="The complainant said the council did not respond properly to concerns.",
        )
        case_file.ombudsman.append(case)

    def _compliment(self, case_file: CaseFile, first_day: date, days: int) -> None:
        rng = self.rng
        received = self._working_day(first_day, days)
        team = rng.choice([team for team in self.teams if team.runs_on(received)])
        case_file.compliments.append(
            ComplimentRecord(
                id=self._id("praise"),
                received=received,
                service_area=team.service_area,
                team=team.name,
                source=_pick(rng, COMPLIMENT_SOURCES),
                internal=rng.random() < 0.15,
                text=rng.choice(COMPLIMENT_TEXTS),
                publish=rng.choice((True, None)),
            )
        )

    def _figures(self, case_file: CaseFile, year: int) -> None:
        rng = self.rng
        base = {
            "referrals": 4200,
            "assessments": 3100,
            "children_in_care": 360,
            "child_protection_plans": 240,
            "care_leavers": 210,
            "open_cases": 2300,
        }
        for measure, value in base.items():
            figure = Decimal(round(value * self.scale * rng.uniform(0.88, 1.12)))
            case_file.context.append(ContextRecord(year, measure, figure))
        for council in BENCHMARK_COUNCILS:
            case_file.benchmarks.append(
                BenchmarkRecord(
                    year,
                    council,
                    rng.randint(40, 160),
                    Decimal(rng.randint(250, 600)) / 10,
                    Decimal(rng.randint(450, 900)) / 10,
                )
            )

    def _id(self, kind: str) -> int:
        value = self.next_id[kind]
        self.next_id[kind] = value + 1
        return value
