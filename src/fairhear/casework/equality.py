"""The equality monitoring answers offered for a child or young person: the council's list of
genders and ethnic backgrounds (EqualityOption; the Office for National Statistics' 2021
census categories unless the council has changed them), each question with "Prefer not to say".

Each answer is stored as its words, as the interchange format's free-text `gender` and
`ethnicity` columns carry them and the reports group them by value; a value recorded before
(typed, imported, or an option since renamed or no longer offered) stays offered on the
contact that has it.
"""

from fairhear.casework.models import EqualityOption

PREFER_NOT_TO_SAY = "Prefer not to say"

Choices = list[tuple[object, object]]


def _keeping(offered: Choices, recorded: str, *, not_known: str | None = "Not known") -> Choices:
    """The choices after `not_known` (the empty answer; none when the form shows no such
    entry), with a value recorded before that is not among them kept first."""
    known: set[object] = set()
    for value, label in offered:
        if isinstance(label, list):  # a group of choices
            known.update(v for v, _ in label)
        else:
            known.add(value)
    kept: Choices = [(recorded, recorded)] if recorded and recorded not in known else []
    empty: Choices = [("", not_known)] if not_known is not None else []
    return [*empty, *kept, *offered]


def _in_use(kind: str) -> list[EqualityOption]:
    return list(EqualityOption.objects.filter(kind=kind, in_use=True).order_by("position", "pk"))


def ethnicity_choices(recorded: str = "", *, not_known: str | None = "Not known") -> Choices:
    """The council's ethnic backgrounds, grouped as the census asks them (groups in the order
    of their first background), then "Prefer not to say"."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for option in _in_use(EqualityOption.Kind.ETHNICITY):
        groups.setdefault(option.group, []).append((option.answer, option.label))
    offered: Choices = list(groups.items())
    return _keeping(
        [*offered, (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)], recorded, not_known=not_known
    )


def gender_choices(recorded: str = "", *, not_known: str | None = "Not known") -> Choices:
    """The council's genders, then "Prefer not to say"."""
    offered: Choices = [(o.answer, o.label) for o in _in_use(EqualityOption.Kind.GENDER)]
    return _keeping(
        [*offered, (PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY)], recorded, not_known=not_known
    )
