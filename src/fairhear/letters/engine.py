"""Letter templates: plain text naming the fields of `kinds.FIELDS`, in Jinja2's sandbox.

Authors may write `{{ field }}` and simple `{% if field %}...{% endif %}`. A template that
reaches into a field (`.`, `[]`) or calls anything is refused, the sandbox refuses the rest,
and the context holds only strings, so a template can reach neither code nor another case's
data. A name that is not a field is refused when the template is saved.
"""

from collections.abc import Mapping

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from fairhear.letters.kinds import FIELDS

_ENVIRONMENT = ImmutableSandboxedEnvironment(
    autoescape=False,  # plain text: letters and emails, never HTML
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


class TemplateProblem(ValueError):
    """A template that cannot be used, with what is wrong in plain words."""


def check(text: str, *, what: str = "The template") -> None:
    """Refuse a template that does not parse or names a field that does not exist."""
    try:
        parsed = _ENVIRONMENT.parse(text)
    except TemplateSyntaxError as error:
        raise TemplateProblem(
            f"{what} cannot be read at line {error.lineno}: {error.message}."
        ) from error
    if any(parsed.find_all((nodes.Getattr, nodes.Getitem, nodes.Call))):
        raise TemplateProblem(
            f"{what} uses a field's parts or calls something: name each field on its own, "
            "as {{ reference }}."
        )
    unknown = sorted(meta.find_undeclared_variables(parsed) - FIELDS.keys())
    if unknown:
        names = ", ".join("{{ " + name + " }}" for name in unknown)
        raise TemplateProblem(
            f"{what} names {'a field' if len(unknown) == 1 else 'fields'} that do not exist: "
            f"{names}. Use only the fields listed on this page."
        )
    # A trial run finds what parsing cannot: an attribute or method the sandbox refuses.
    _fill(text, dict.fromkeys(FIELDS, "x"), what=what)


def render(text: str, values: Mapping[str, str]) -> str:
    """The template filled in with `values` (every field, as plain strings)."""
    check(text)
    return _fill(text, values, what="The template")


def _fill(text: str, values: Mapping[str, str], *, what: str) -> str:
    context = {name: str(values.get(name, "")) for name in FIELDS}
    try:
        return _ENVIRONMENT.from_string(text).render(context)
    except TemplateError as error:
        raise TemplateProblem(
            f"{what} uses something letters may not: {error.message or error}. Write plain "
            "text with {{ field }} and {% if field %} ... {% endif %}."
        ) from error
