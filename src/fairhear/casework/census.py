"""The Office for National Statistics' 2021 census categories (England and Wales) that a
council's equality monitoring answers start as: a gender question's answers, and the ethnic
groups with their backgrounds in the census's order. Plain data, so the migration that seeds
the list can use it."""

GENDERS: tuple[str, ...] = ("Female", "Male", "Non-binary", "Another gender identity")

ETHNIC_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Asian or Asian British",
        ("Bangladeshi", "Chinese", "Indian", "Pakistani", "Other Asian background"),
    ),
    (
        "Black, Black British, Caribbean or African",
        ("African", "Caribbean", "Other Black, Black British or Caribbean background"),
    ),
    (
        "Mixed or Multiple ethnic groups",
        (
            "White and Asian",
            "White and Black African",
            "White and Black Caribbean",
            "Other Mixed or Multiple ethnic background",
        ),
    ),
    (
        "White",
        (
            "English, Welsh, Scottish, Northern Irish or British",
            "Irish",
            "Gypsy or Irish Traveller",
            "Roma",
            "Other White background",
        ),
    ),
    ("Other ethnic group", ("Arab", "Any other ethnic group")),
)
