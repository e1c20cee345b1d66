from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The statutory annual report and the quarterly reports, with the figures they add."""

    name = "fairhear.reports"
    label = "reports"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fairhear.reports.models import Benchmark, ContextFigure

        auditlog.register(ContextFigure)
        auditlog.register(Benchmark)
