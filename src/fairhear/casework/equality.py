"""The equality monitoring answers offered for a child or young person: the Office for National
Statistics' 2021 census ethnic groups and a gender question, each with "Prefer not to say".

Each answer is stored as its words, as the interchange format's free-text `gender` and
`ethnicity` columns carry them and the reports group them by value; a value recorded before
(typed, or imported) stays offered on the contact that has it.
"""

PREFER_NOT_TO_SAY = "Prefer not to say"

#: The ONS 2021 census ethnic groups (England and Wales), as "Group: background".
ETHNIC_GROUPS: dict[str, tuple[str, ...]] = {
    "Asian or Asian British": (
        "Bangladeshi",
        "Chinese",
        "Indian",
        "Pakistani",
        "Other Asian background",
    ),
    "Black, Black British, Caribbean or African": (
        "African",
        "Caribbean",
        "Other Black, Black British or Caribbean background",
    ),
    "Mixed or Multiple ethnic groups": (
        "White and Asian",
        "White and Black African",
        "White and Black Caribbean",
        "Other Mixed or Multiple ethnic background",
    ),
    "White": (
        "English, Welsh, Scottish, Northern Irish or British",
        "Irish",
        "Gypsy or Irish Traveller",
        "Roma",
        "Other White background",
    ),
    "Other ethnic group": ("Arab", "Any other ethnic group"),
}

GENDERS: tuple[str, ...] = ("Female", "Male", "Non-binary", "Another gender identity")


def _keeping(offered: list[tuple[object, object]], recorded: str) -> list[tuple[object, object]]:
    """The choices after "Not known", with a value recorded before that is not among them
    kept first."""
    known: set[object] = set()
    for value, label in offered:
        if isinstance(label, list):  # a group of choices
            known.update(v for v, _ in label)
        else:
            known.add(value)
    kept: list[tuple[object, object]] = [(recorded, recorded)] if recorded not in known else []
    return [("", "Not known"), *(kept if recorded else []), *offered]


def ethnicity_choices(recorded: str = "") -> list[tuple[object, object]]:
    """The ethnic groups, grouped as the census asks them, then "Prefer not to say"."""
    groups: list[tuple[object, object]] = [
        (group, [(f"{group}: {background}", background) for background in backgrounds])
        for group, backgrounds in ETHNIC_GROUPS.items()
    ]
    return _keeping([*groups, (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)], recorded)


def gender_choices(recorded: str = "") -> list[tuple[object, object]]:
    """The genders offered, then "Prefer not to say"."""
    return _keeping([*((g, g) for g in GENDERS), (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)], recorded)
