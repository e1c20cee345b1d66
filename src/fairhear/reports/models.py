"""Figures the annual report uses beside the case data."""

from django.db import models


class ContextFigure(models.Model):
    """A demand figure for a financial year (referrals, children in care, ...)."""

    year = models.PositiveIntegerField(help_text="The starting year: 2019 means 2019/20.")
    measure = models.CharField(max_length=100)
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["year", "measure"]
        # The reports have no model of their own: their permission lives here, beside the
        # figures they add to the case data.
        permissions = [("view_report", "Can see the complaints reports")]
        constraints = [
            models.UniqueConstraint(fields=["year", "measure"], name="context_figure_once")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.year}"


class Benchmark(models.Model):
    """Another council's published figures for a financial year."""

    year = models.PositiveIntegerField(help_text="The starting year: 2019 means 2019/20.")
    council = models.CharField(max_length=200)
    complaints_received = models.PositiveIntegerField(null=True, blank=True)
    percent_upheld = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    percent_in_timescale = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["year", "council"]
        constraints = [models.UniqueConstraint(fields=["year", "council"], name="benchmark_once")]

    def __str__(self) -> str:
        return f"{self.council} {self.year}"
