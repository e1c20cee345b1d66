"""What one import did, file by file, and the names it matched or created on the way."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from fairhear.casework.models import Category
from fairhear.interchange.bulk import BATCH
from fairhear.interchange.writers.audit import RowAudit
from fairhear.organisation.models import ServiceArea, Team


@dataclass
class WriteSummary:
    """What the import did, file by file."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    created_names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    people_created: int = 0
    people_matched: int = 0

    def add(self, file: str, *, created: int = 0, updated: int = 0, unchanged: int = 0) -> None:
        counter = self.counts[file]
        counter["created"] += created
        counter["updated"] += updated
        counter["unchanged"] += unchanged

    def as_json(self) -> dict[str, dict[str, int]]:
        return {file: dict(counter) for file, counter in self.counts.items()}


class Names:
    """Service areas, teams and categories by lower-case name, creating what is missing."""

    def __init__(self, summary: WriteSummary, audit: RowAudit) -> None:
        self.summary = summary
        self.audit = audit
        self.areas = {area.name.lower(): area for area in ServiceArea.objects.all()}
        self.teams = {team.name.lower(): team for team in Team.objects.all()}
        self.categories = {category.name.lower(): category for category in Category.objects.all()}

    def area(self, name: str) -> ServiceArea | None:
        if not name:
            return None
        found = self.areas.get(name.lower())
        if found is None:
            found = ServiceArea.objects.create(name=name)
            self.areas[name.lower()] = found
            self.summary.created_names["service areas"].append(name)
        return found

    def team(self, name: str, area_name: str) -> Team | None:
        if not name:
            return None
        found = self.teams.get(name.lower())
        if found is None:
            area = self.area(area_name)
            assert area is not None, "validation requires a service area for a new team"
            found = Team.objects.create(name=name, service_area=area)
            self.teams[name.lower()] = found
            self.summary.created_names["teams"].append(name)
        return found

    def ensure_categories(self, names: Iterable[str]) -> None:
        missing: dict[str, str] = {}
        for name in names:
            if name.lower() not in self.categories:
                missing.setdefault(name.lower(), name)
        created = Category.objects.bulk_create(
            [Category(name=name) for name in missing.values()], batch_size=BATCH
        )
        for category in Category.objects.filter(name__in=list(missing.values())):
            self.categories[category.name.lower()] = category
        self.summary.created_names["categories"].extend(category.name for category in created)
        for category in created:
            self.audit.created(category, ["name"])

    def category_id(self, name: str) -> int:
        return self.categories[name.lower()].pk

    def owner(self, name: str) -> tuple[Team | None, ServiceArea | None]:
        """An action's owner: a team of that name, else a service area (created if new)."""
        if not name:
            return None, None
        team = self.teams.get(name.lower())
        if team is not None:
            return team, None
        return None, self.area(name)
