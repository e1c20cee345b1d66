"""The letter templates' sandbox: only the named fields, nothing reachable beyond them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairhear.letters import engine
from fairhear.letters.defaults import DEFAULTS
from fairhear.letters.kinds import FIELDS


def test_it_fills_in_the_named_fields() -> None:
    text = "Dear {{ complainant_name }}, ask by {{ stage_2_request_by }}."

    got = engine.render(text, {"complainant_name": "Jo", "stage_2_request_by": "20 January 2027"})

    assert got == "Dear Jo, ask by 20 January 2027."


def test_a_part_only_some_cases_have_is_left_out_when_its_field_is_empty() -> None:
    text = "Hello.{% if advocacy_service %} Advocate: {{ advocacy_service }}.{% endif %}"

    assert engine.render(text, {"advocacy_service": ""}) == "Hello."
    assert engine.render(text, {"advocacy_service": "Coram"}) == "Hello. Advocate: Coram."


def test_an_unknown_field_is_refused_with_its_name() -> None:
    with pytest.raises(engine.TemplateProblem, match=r"\{\{ password \}\}"):
        engine.check("Dear {{ complainant_name }} {{ password }}")


def test_a_template_that_does_not_parse_says_where() -> None:
    with pytest.raises(engine.TemplateProblem, match="line 2"):
        engine.check("Dear\n{{ reference ")


@pytest.mark.parametrize(
    "attempt",
    [
        "{{ reference.__class__.__mro__ }}",
        "{{ reference.__class__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ reference.format_map }}",
    ],
)
def test_a_template_cannot_reach_beyond_its_fields(attempt: str) -> None:
    with pytest.raises(engine.TemplateProblem):
        engine.check(attempt)


def test_every_default_template_uses_only_the_named_fields() -> None:
    for subject, body in DEFAULTS.values():
        engine.check(subject)
        engine.check(body)


@given(st.dictionaries(st.sampled_from(sorted(FIELDS)), st.text(max_size=30)))
def test_a_value_is_written_as_it_is_never_run(values: dict[str, str]) -> None:
    text = " ".join("{{ " + name + " }}" for name in sorted(FIELDS))

    got = engine.render(text, values)

    assert got == " ".join(values.get(name, "") for name in sorted(FIELDS))
