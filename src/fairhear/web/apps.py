from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shared page layouts, error pages and home pages."""

    name = "fairhear.web"
    label = "web"
