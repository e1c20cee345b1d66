from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public front door: complaint and compliment forms, acknowledgements, status."""

    name = "fairhear.public"
    label = "public"
