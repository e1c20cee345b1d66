"""WSGI entry point for gunicorn: `gunicorn fairhear.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairhear.settings")
application = get_wsgi_application()
