"""The council's lists: complaint categories, the people it appoints to investigate, stand as
independent person or sit on review panels, and the answers its equality monitoring offers."""

from django.conf import settings
from django.db import models
from django.db.models import F
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


class EqualityOption(models.Model):
    """An answer the equality monitoring questions about a child or young person offer: a
    gender, or an ethnic background within its group. Seeded with the Office for National
    Statistics' 2021 census categories; the council may add, rename or stop offering them.

    A contact keeps the answer's words (`answer`), not a link to the option: the interchange
    format carries them as free text and the reports group them by value."""

    class Kind(models.TextChoices):
        GENDER = "gender", "Gender"
        ETHNICITY = "ethnicity", "Ethnic group"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    group = models.CharField(
        max_length=90,
        blank=True,
        help_text="The ethnic group a background is asked under; empty for a gender.",
    )
    label = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0, help_text="Its place in the list.")
    in_use = models.BooleanField(default=True, help_text="Offered on the forms.")

    class Meta:
        ordering = ["kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                F("kind"), Lower("group"), Lower("label"), name="equality_option_unique"
            )
        ]

    def __str__(self) -> str:
        return self.answer

    @property
    def answer(self) -> str:
        """The words a contact records: "Group: background" for an ethnic background, as
        the census asks it, or the gender's own words."""
        return f"{self.group}: {self.label}" if self.group else self.label
