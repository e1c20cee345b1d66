"""Writing contacts.csv, stages.csv, category_outcomes.csv and ombudsman.csv: the cases.

Contacts are matched on their reference, stages on reference and number, category outcomes on
their stage and category, Ombudsman cases on the LGSCO's reference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import Any, cast

from fairhear.casework.models import (
    CategoryOutcome,
    Contact,
    ContactCategory,
    OmbudsmanCase,
    Stage,
)
from fairhear.interchange.bulk import (
    Progress,
    chunks,
    insert_rows,
    stored_ids,
    stored_rows,
    sync_rows,
    upsert,
)
from fairhear.interchange.records import STAGE_FIELDS, CaseFile
from fairhear.interchange.writers.audit import RowAudit
from fairhear.interchange.writers.summary import Names, WriteSummary

CONTACT_FIELDS = [
    "received",
    "route",
    "channel",
    "complainant_id",
    "complainant_role",
    "advocate",
    "child_status",
    "service_area_id",
    "team_id",
    "withdrawn",
    "responded",
    "age_band",
    "gender",
    "ethnicity",
    "disability",
    "summary",
]


def write_contacts(
    case_file: CaseFile,
    names: Names,
    people: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    report: Progress,
    audit: RowAudit,
) -> dict[str, int]:
    desired: dict[Hashable, tuple[Any, ...]] = {}
    for record in case_file.contacts:
        team = names.team(record.team, record.service_area)
        area = names.area(record.service_area) or (team.service_area if team else None)
        desired[record.reference] = (
            record.received,
            record.route,
            record.channel,
            people.get(record.complainant),
            record.complainant_role,
            record.advocate,
            record.child_status,
            area.pk if area else None,
            team.pk if team else None,
            record.withdrawn,
            record.responded,
            record.age_band,
            record.gender,
            record.ethnicity,
            record.disability,
            record.summary,
        )
    references = list(desired)
    stored = stored_rows(
        Contact.objects.all(),
        "reference",
        references,
        ["reference", "pk", "version", *CONTACT_FIELDS],
        report,
        "Reading contacts",
    )
    created, updated, unchanged = sync_rows(
        Contact,
        CONTACT_FIELDS,
        desired,
        stored,
        lambda key: {"reference": key},
        report,
        "Writing contacts",
        bump_version=True,
    )
    summary.add("contacts.csv", created=len(created), updated=len(updated), unchanged=unchanged)
    ids: dict[str, int] = {str(key): row[0] for key, row in stored.items()}
    if created:
        ids.update(stored_ids(Contact.objects.all(), "reference", created, ["reference", "pk"]))
    for reference in created:
        touched[ids[reference]] = "Created"
        values = dict(zip(CONTACT_FIELDS, desired[reference], strict=True))
        audit.created(
            Contact(pk=ids[reference], reference=reference, **values),
            ["reference", *CONTACT_FIELDS],
        )
    changed = set(updated)
    for key, row in stored.items():
        pk, reference = row[0], str(key)
        if pk in changed:
            touched[pk] = "Updated"
            audit.changed(
                Contact(
                    pk=pk, reference=reference, **dict(zip(CONTACT_FIELDS, row[2:], strict=True))
                ),
                Contact(
                    pk=pk,
                    reference=reference,
                    **dict(zip(CONTACT_FIELDS, desired[key], strict=True)),
                ),
                CONTACT_FIELDS,
            )
    return ids


def write_contact_categories(
    case_file: CaseFile,
    names: Names,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    audit: RowAudit,
) -> None:
    wanted = {
        contact_ids[record.reference]: [names.category_id(name) for name in record.categories]
        for record in case_file.contacts
    }
    stored: dict[int, list[int]] = defaultdict(list)
    ids = list(wanted)
    for chunk in chunks(ids):
        for contact_id, category_id in (
            ContactCategory.objects.filter(contact_id__in=chunk)
            .order_by("contact_id", "position")
            .values_list("contact_id", "category_id")
        ):
            stored[contact_id].append(category_id)
    differ = [pk for pk, categories in wanted.items() if stored.get(pk, []) != categories]
    for chunk in chunks(differ):
        ContactCategory.objects.filter(contact_id__in=chunk).delete()
    insert_rows(
        ContactCategory,
        ["contact_id", "category_id", "position"],
        [
            (pk, category_id, position)
            for pk in differ
            for position, category_id in enumerate(wanted[pk])
        ],
    )
    category_names = {category.pk: category.name for category in names.categories.values()}
    references = {contact_ids[record.reference]: record.reference for record in case_file.contacts}
    for pk in differ:
        touched.setdefault(pk, "Updated")
        audit.categories(
            pk,
            references[pk],
            [category_names[category_id] for category_id in stored.get(pk, [])],
            [category_names[category_id] for category_id in wanted[pk]],
        )


def write_stages(
    case_file: CaseFile,
    names: Names,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    touched: dict[int, str],
    report: Progress,
    audit: RowAudit,
) -> None:
    ids = contact_ids_for(case_file, contact_ids)
    reference_of = {pk: reference for reference, pk in ids.items()}
    desired: dict[Hashable, tuple[Any, ...]] = {
        (ids[record.reference], record.stage): tuple(getattr(record, name) for name in STAGE_FIELDS)
        for record in case_file.stages
    }
    wanted_contacts = sorted(
        {ids[record.reference] for record in case_file.stages}
        | {ids[record.reference] for record in case_file.category_outcomes}
    )
    stored: dict[Hashable, tuple[Any, ...]] = {}
    for chunk in chunks(wanted_contacts):
        for row in Stage.objects.filter(contact_id__in=chunk).values_list(
            "contact_id", "number", "pk", *STAGE_FIELDS
        ):
            stored[(row[0], row[1])] = row[2:]
    created, updated, unchanged = sync_rows(
        Stage,
        STAGE_FIELDS,
        desired,
        stored,
        lambda key: {"contact_id": key[0], "number": key[1]},
        report,
        "Writing stages",
    )
    summary.add("stages.csv", created=len(created), updated=len(updated), unchanged=unchanged)

    def stage(key: Hashable, pk: int, values: tuple[Any, ...]) -> Stage:
        contact_id, number = cast(tuple[int, int], key)
        fields = dict(zip(STAGE_FIELDS, values, strict=True))
        return Stage(pk=pk, contact_id=contact_id, number=number, **fields)

    def label(key: Hashable) -> str:
        return f"{reference_of[key[0]]} stage {key[1]}"  # type: ignore[index]

    changed_stages = set(updated)
    for key, row in stored.items():
        if row[0] in changed_stages:
            touched.setdefault(key[0], "Updated")  # type: ignore[index]
            audit.changed(
                stage(key, row[0], row[1:]),
                stage(key, row[0], desired[key]),
                STAGE_FIELDS,
                label=label(key),
            )
    stage_ids: dict[tuple[int, int], int] = {}
    if created or case_file.category_outcomes:
        for chunk in chunks(wanted_contacts):
            stage_ids.update(
                ((contact_id, number), pk)
                for pk, contact_id, number in Stage.objects.filter(
                    contact_id__in=chunk
                ).values_list("pk", "contact_id", "number")
            )
    audit.stage_cases({pk: contact_id for (contact_id, _), pk in stage_ids.items()})
    for key in created:
        touched.setdefault(key[0], "Updated")
        audit.created(
            stage(key, stage_ids[key], desired[key]),
            ["contact_id", "number", *STAGE_FIELDS],
            label=label(key),
        )

    if not case_file.category_outcomes:
        return
    wanted_outcomes: dict[Hashable, CategoryOutcome] = {}
    for outcome in case_file.category_outcomes:
        stage_id = stage_ids[(ids[outcome.reference], outcome.stage)]
        category_id = names.category_id(outcome.category)
        wanted_outcomes[(stage_id, category_id)] = CategoryOutcome(
            stage_id=stage_id, category_id=category_id, outcome=outcome.outcome
        )
    stored_outcomes: dict[Hashable, CategoryOutcome] = {}
    for chunk in chunks(sorted(set(stage_ids.values()))):
        stored_outcomes.update(
            ((outcome.stage_id, outcome.category_id), outcome)
            for outcome in CategoryOutcome.objects.filter(stage_id__in=chunk)
        )
    stage_labels = {pk: label(key) for key, pk in stage_ids.items()}
    category_names = {category.pk: category.name for category in names.categories.values()}
    new_o, changed_o, same_o = upsert(
        CategoryOutcome,
        wanted_outcomes,
        stored_outcomes,
        ["outcome"],
        audit,
        lambda outcome: (
            f"{stage_labels[outcome.stage_id]}: {category_names[outcome.category_id]} "
            f"{outcome.outcome}"
        ),
    )
    summary.add(
        "category_outcomes.csv", created=len(new_o), updated=len(changed_o), unchanged=same_o
    )


def contact_ids_for(case_file: CaseFile, contact_ids: dict[str, int]) -> dict[str, int]:
    """Ids of contacts in the file and of those only in the database that rows point at."""
    ids = dict(contact_ids)
    outside = sorted(
        {r.reference for r in case_file.stages}
        | {r.reference for r in case_file.category_outcomes}
        | {r.reference for r in case_file.actions if r.reference}
        | {r.reference for r in case_file.costs if r.reference}
        | {r.reference for r in case_file.ombudsman if r.reference}
        | {r.reference for r in case_file.letters}
        | {r.reference for r in case_file.people if r.reference}
        | {r.reference for r in case_file.events}
    )
    outside = [reference for reference in outside if reference not in ids]
    for chunk in chunks(outside):
        ids.update(Contact.objects.filter(reference__in=chunk).values_list("reference", "pk"))
    return ids


OMBUDSMAN_FIELDS = [
    "contact_id",
    "received",
    "enquiry_due",
    "council_replied",
    "decided",
    "decision",
    "remedies",
    "financial_remedy",
    "satisfactory_remedy_by_council",
    "complied",
    "service_area_id",
    "team_id",
    "summary",
]


def write_ombudsman(
    case_file: CaseFile,
    names: Names,
    contact_ids: dict[str, int],
    summary: WriteSummary,
    audit: RowAudit,
) -> None:
    if not case_file.ombudsman:
        return
    ids = contact_ids_for(case_file, contact_ids)
    desired: dict[Hashable, OmbudsmanCase] = {}
    for record in case_file.ombudsman:
        team = names.team(record.team, record.service_area)
        area = names.area(record.service_area) or (team.service_area if team else None)
        desired[record.lgsco_reference] = OmbudsmanCase(
            lgsco_reference=record.lgsco_reference,
            contact_id=ids.get(record.reference) if record.reference else None,
            received=record.received,
            enquiry_due=record.enquiry_due,
            council_replied=record.council_replied,
            decided=record.decided,
            decision=record.decision,
            remedies=list(record.remedy),
            financial_remedy=record.financial_remedy,
            satisfactory_remedy_by_council=record.satisfactory_remedy_by_council,
            complied=record.complied,
            service_area_id=area.pk if area else None,
            team_id=team.pk if team else None,
            summary=record.summary,
        )
    existing: dict[Hashable, OmbudsmanCase] = {
        case.lgsco_reference: case
        for case in OmbudsmanCase.objects.filter(lgsco_reference__in=list(desired))
    }
    new, changed, unchanged = upsert(OmbudsmanCase, desired, existing, OMBUDSMAN_FIELDS, audit)
    summary.add("ombudsman.csv", created=len(new), updated=len(changed), unchanged=unchanged)
