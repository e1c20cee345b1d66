from django.conf import settings
from django.db import models


class StaffProfile(models.Model):
    """What Fairhear knows of a member of staff beyond their sign-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    job_title = models.CharField(max_length=200, blank=True)
    service_areas = models.ManyToManyField(
        "organisation.ServiceArea",
        blank=True,
        related_name="staff",
        help_text="For a service manager: the service areas whose cases they see and answer.",
    )

    def __str__(self) -> str:
        return f"Staff profile of {self.user}"
