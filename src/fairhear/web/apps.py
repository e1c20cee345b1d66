from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shared page layouts, error pages and home pages."""

    name = "fairhear.web"
    label = "web"

    def ready(self) -> None:
        from fairhear.web.govuk_components import use_shared_jinja_environment

        use_shared_jinja_environment()
