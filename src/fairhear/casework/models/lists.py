"""The council's lists: complaint categories, and the people it appoints to investigate, stand as
independent person or sit on review panels."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Category(models.Model):
    """What a complaint is about, from the council's own list."""

    name = models.CharField(max_length=200)
    active = models.BooleanField(default=True, help_text="Offered for new contacts.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"
        constraints = [models.UniqueConstraint(Lower("name"), name="category_name_unique")]

    def __str__(self) -> str:
        return self.name


class Practitioner(models.Model):
    """Someone who works on a complaint from outside the complaints team: an investigating
    officer, an independent person, a panel member or chair (often not council staff)."""

    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    is_staff = models.BooleanField(
        default=False, help_text="Works for the council (so cannot be independent)."
    )
    is_councillor = models.BooleanField(default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner_records",
        help_text="Their Fairhear sign-in, when they have one (investigators).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_independent(self) -> bool:
        return not (self.is_staff or self.is_councillor)
