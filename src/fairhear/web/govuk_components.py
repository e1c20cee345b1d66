"""Faster rendering of govuk-frontend-django's components.

govuk-frontend-django 0.22 builds a new Jinja environment, and so re-reads and recompiles
each component's template, every time a component renders: about 7 ms each, paid several
times on every page. `use_shared_jinja_environment` makes every component render through
one environment whose compiled templates are kept, with the library's output unchanged.
"""

from functools import cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from govuk_frontend_django.components.base import GovUKComponent
from jinja2 import (
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    Template,
    select_autoescape,
)

# The library's own render(), kept so that tests can compare the two outputs.
library_render = GovUKComponent.render


@cache
def _environment() -> Environment:
    # The same loader and autoescaping as the library's own render().
    loader = ChoiceLoader(
        [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    return Environment(loader=loader, autoescape=select_autoescape())


@cache
def _template(source: str) -> Template:
    return _environment().from_string(source)


def _without_none(value: Any) -> Any:
    # The library drops keys whose value is None, at every depth, before rendering.
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def _render(
    self: GovUKComponent,
    template_name: str | None = None,
    context: Any = None,
    renderer: Any = None,
    component_data: dict[str, Any] | None = None,
) -> SafeString:
    data = self.__dict__.copy()
    if component_data:
        data.update(component_data)
    template = _template(self.build_jinja_template())  # type: ignore[no-untyped-call]
    return mark_safe(template.render(data=_without_none(data)))


def use_shared_jinja_environment() -> None:
    GovUKComponent.render = _render  # type: ignore[method-assign]
    GovUKComponent.__str__ = _render  # type: ignore[method-assign,assignment]
    GovUKComponent.__html__ = _render
