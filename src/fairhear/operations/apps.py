from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What a council's IT team runs: backing up the database and uploads, and restoring them."""

    name = "fairhear.operations"
    label = "operations"
