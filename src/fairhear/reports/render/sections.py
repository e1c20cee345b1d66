"""How every rendering lays out a report: its sections, in the order councils' reports run,
and the short note of definitions (spec: report.md)."""

from __future__ import annotations

SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "received",
        "Complaints received",
        (
            "volumes",
            "stages",
            "monthly_received",
            "complainant_role",
            "channel",
            "young_people",
            "repeat_complainants",
            "equalities",
        ),
    ),
    (
        "stage-1",
        "Stage 1: local resolution",
        (
            "stage1_outcomes_by_category",
            "stage1_outcomes",
            "categories_all",
            "stage1_timeliness",
            "stage1_timeliness_by_quarter",
            "stage1_by_service_area",
        ),
    ),
    (
        "stages-2-3",
        "Stage 2 investigations and Stage 3 review panels",
        ("stage2_summary", "stage2_cases", "stage3_panels", "costs"),
    ),
    (
        "ombudsman",
        "The Local Government and Social Care Ombudsman",
        ("lgsco_decisions", "lgsco_cases"),
    ),
    ("learning", "Learning from complaints", ("actions_for_upheld",)),
    ("compliments", "Compliments and enquiries", ("compliments_by_service_area", "enquiries")),
    ("context", "Context and comparison with other councils", ("context", "benchmarking")),
)

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Working days",
        "Monday to Friday, not an England bank holiday. A reply on the day a "
        "complaint arrived took 0 working days.",
    ),
    (
        "Statutory complaints received",
        "Complaints under the statutory procedure received in the "
        "period, withdrawn ones included. Every statutory complaint starts at Stage 1.",
    ),
    (
        "Received and responded",
        "Tables on the received basis count what arrived in the period; "
        "tables on the responded basis count replies made in it (a withdrawn stage counts on "
        "the day it closed).",
    ),
    (
        "Decided and upheld",
        "A decided complaint was upheld, partly upheld, not upheld or had no "
        "finding. The percentage upheld is upheld and partly upheld complaints as a share of those "
        "decided. Ongoing complaints had no outcome on the date the figures were taken.",
    ),
    ("Stage 1 in timescale", "A reply within 10 working days, or 20 where the time was extended."),
    (
        "Stage 2 in timescale",
        "An adjudication within 25 working days of the statement of "
        "complaint being agreed (or of the request), or 65 where extended.",
    ),
    (
        "Stage 3 in timescale",
        "A panel within 30 working days of the request, the chair's report "
        "within 5 of the panel, and the council's response within 15 of the report.",
    ),
    (
        "Categories",
        "Tables by category use the best-fit category, the first recorded, unless "
        "they say all categories, where a complaint counts under each of its categories.",
    ),
    (
        "Service areas and teams",
        "Figures are given under the names in use at the end of the "
        "period, so a service area renamed or merged counts under its new name in every year.",
    ),
    (
        "Costs",
        "The cost of a Stage 2 investigation is what was paid to the investigating officer "
        "and the independent person. Costs by year use the date of each cost.",
    ),
    ("Percentages", "Shown rounded to whole numbers (half up)."),
)
