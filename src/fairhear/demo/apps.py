from django.apps import AppConfig


class DemoConfig(AppConfig):
    """A fictional council to try Fairhear with: its organisation and a sign-in per role."""

    name = "fairhear.demo"
    label = "demo"
