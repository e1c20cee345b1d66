"""Django settings for Fairhear, read from the environment.

With nothing set, Fairhear runs in development mode on a SQLite file in ./data. Production sets
at least DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see README.md).
"""

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from fairhear.env import env_bool, env_choice, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("FAIRHEAR_DATA_DIR") or Path.cwd() / "data")

DEBUG = env_bool("DEBUG", default=True)


def _weak(key: str) -> bool:
    # Django's own deployment check's measure: long, varied, not its generated insecure key.
    return len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-")


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key and not DEBUG and _weak(key):
        # Sessions, password-reset links and the rate limit's hashed addresses rest on it.
        raise ImproperlyConfigured(
            "SECRET_KEY is too weak: outside development mode (DEBUG=false) it must be at "
            "least 50 random characters, for example from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Outside development mode (DEBUG=false) Fairhear needs a "
            "long random SECRET_KEY in its environment, for example from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    # Development only: a random key kept in the data folder, so sign-ins survive a restart.
    key_file = DATA_DIR / "dev-secret-key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

FAIRHEAR_COUNCIL_NAME = env_str("FAIRHEAR_COUNCIL_NAME", "Fairhear Borough Council")
# Optional logo shown in the header beside the council's name: a path under static files or a URL.
FAIRHEAR_COUNCIL_LOGO = env_str("FAIRHEAR_COUNCIL_LOGO")
# How the public reaches the complaints team, shown on the public pages when set.
FAIRHEAR_COMPLAINTS_EMAIL = env_str("FAIRHEAR_COMPLAINTS_EMAIL")
FAIRHEAR_COMPLAINTS_PHONE = env_str("FAIRHEAR_COMPLAINTS_PHONE")
# Letters: the council's postal address on the letterhead (lines separated by "|"), and the
# advocacy service offered to children and young people when a case names none.
FAIRHEAR_COUNCIL_ADDRESS = env_str("FAIRHEAR_COUNCIL_ADDRESS").replace("|", "\n")
FAIRHEAR_ADVOCACY_SERVICE = env_str("FAIRHEAR_ADVOCACY_SERVICE")
# Reports: published versions show counts from 1 to this less one as "fewer than N"; member
# and MP enquiries are answered in time within this many working days.
FAIRHEAR_REPORT_SUPPRESSION_THRESHOLD = env_int("FAIRHEAR_REPORT_SUPPRESSION_THRESHOLD", 5)
FAIRHEAR_ENQUIRY_REPLY_DAYS = env_int("FAIRHEAR_ENQUIRY_REPLY_DAYS", 10)
# What starts the Stage 2 clock: the statement of complaint when agreed, else the request
# ("statement_else_request"), or always the request ("request", the Ombudsman's view).
FAIRHEAR_STAGE_2_CLOCK_START = env_choice(
    "FAIRHEAR_STAGE_2_CLOCK_START", ["statement_else_request", "request"], "statement_else_request"
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "auditlog",
    "crispy_forms",
    "crispy_forms_gds",
    "govuk_frontend_django",
    "fairhear.web",
    "fairhear.organisation",
    "fairhear.casework",
    "fairhear.interchange",
    "fairhear.reports",
    "fairhear.public",
    "fairhear.letters",
    "fairhear.dataprotection",
    "fairhear.demo",
    "fairhear.operations",
    # Last of ours: its post-migrate step gives the role groups the permissions of every app
    # above. django-allauth comes after it so that its templates, not allauth's, are used.
    "fairhear.accounts",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "fairhear.web.middleware.NoStoreForStaff",
    "fairhear.public.ratelimit.SignInThrottle",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: ends an idle staff sign-in, then sends staff who
    # must have a second factor and have none to set one up.
    "fairhear.accounts.middleware.IdleTimeoutMiddleware",
    "fairhear.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fairhear.urls"
WSGI_APPLICATION = "fairhear.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fairhear.web.context_processors.council",
                "fairhear.web.context_processors.staff",
            ],
        },
    },
]

# --- Database: SQLite in the data folder unless DATABASE_URL says otherwise.
_default_sqlite = f"sqlite:///{DATA_DIR / 'fairhear.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or _default_sqlite, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging lets the web server read while a long import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: a table in the database, so that every gunicorn worker and every app server sees
# the same entries. django-allauth keeps there the codes already used (so none is accepted
# twice) and its rate limits on codes; a cache in each process's memory would let a code be
# replayed, and a limit be multiplied, by reaching another worker. The table is made by the
# migration web 0001_shared_cache_table, so `migrate` is all an install needs.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "fairhear_cache",
        # Django culls a third of the entries past MAX_ENTRIES (300 by default): a used code
        # culled early could be used again, so the limit is far above what a council fills.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

# --- Accounts and sign-in throttling.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Signs in a user resumed after the second-factor step or single sign-on.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fairhear.accounts.passwords.VarietyValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

AXES_FAILURE_LIMIT = env_int("FAIRHEAR_SIGN_IN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("FAIRHEAR_SIGN_IN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The address counted is the visitor's, not the proxy's (fairhear.web.http.client_address).
AXES_CLIENT_IP_CALLABLE = "fairhear.web.http.client_address"
# A throttle per address across every username: sign-in attempts an hour from one address.
FAIRHEAR_SIGN_IN_ADDRESS_LIMIT = env_int("FAIRHEAR_SIGN_IN_ADDRESS_LIMIT", 30)

# --- Second factor (django-allauth's MFA): an authenticator app's codes or a security key
# (WebAuthn), with recovery codes for a lost phone or key. With FAIRHEAR_MFA_REQUIRED, staff
# who sign in with a password are sent to set one up before any staff page; single sign-on
# leaves the second factor to the provider.
FAIRHEAR_MFA_REQUIRED = env_bool("FAIRHEAR_MFA_REQUIRED", default=False)
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A key is a second factor after the password, never a passkey signing in alone. The relying
# party is the host in the address bar (SecondFactorAdapter); the browser and fido2 check the
# page's origin against it, so keys work over HTTPS, or on http://localhost in development
# (not http://127.0.0.1: Chromium refuses an address as a relying party). Left off everywhere,
# tests included: MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN, which would skip fido2's origin check.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
# Staff email addresses are entered by a complaints manager, not confirmed by a link.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_ADAPTER = "fairhear.accounts.forms.SecondFactorAdapter"
MFA_TOTP_ISSUER = FAIRHEAR_COUNCIL_NAME
MFA_FORMS = {
    "authenticate": "fairhear.accounts.forms.SecondFactorForm",
    "reauthenticate": "fairhear.accounts.forms.SecondFactorAgainForm",
    "activate_totp": "fairhear.accounts.forms.ActivateAuthenticatorForm",
    "deactivate_totp": "fairhear.accounts.forms.DeactivateAuthenticatorForm",
    "generate_recovery_codes": "fairhear.accounts.forms.NewRecoveryCodesForm",
    "add_webauthn": "fairhear.accounts.forms.AddSecurityKeyForm",
    "authenticate_webauthn": "fairhear.accounts.forms.SecurityKeyForm",
    "reauthenticate_webauthn": "fairhear.accounts.forms.SecurityKeyAgainForm",
}
# Staff accounts are made by a complaints manager or by single sign-on, never by sign-up.
ACCOUNT_ADAPTER = "fairhear.accounts.sso.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email"]
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_FORMS = {"reauthenticate": "fairhear.accounts.forms.PasswordAgainForm"}

# --- Single sign-on through the council's OpenID Connect provider (Microsoft Entra ID or
# another), on when FAIRHEAR_OIDC_SERVER_URL is set. docs/sign-in.md explains each setting.
FAIRHEAR_OIDC_SERVER_URL = env_str("FAIRHEAR_OIDC_SERVER_URL")
FAIRHEAR_OIDC_NAME = env_str("FAIRHEAR_OIDC_NAME", "your council account")
FAIRHEAR_OIDC_GROUPS_CLAIM = env_str("FAIRHEAR_OIDC_GROUPS_CLAIM", "groups")
FAIRHEAR_OIDC_ROLE_GROUPS = {
    role: env_list(f"FAIRHEAR_OIDC_GROUPS_{role.upper().replace(' ', '_')}", [])
    for role in (
        "Complaints manager",
        "Complaints officer",
        "Service manager",
        "Investigator",
        "Report viewer",
    )
}
# "group=Service area name" pairs: the service areas a service manager in that group looks after.
FAIRHEAR_OIDC_SERVICE_AREA_GROUPS = env_list("FAIRHEAR_OIDC_SERVICE_AREA_GROUPS", [])
SOCIALACCOUNT_ADAPTER = "fairhear.accounts.sso.StaffSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "council",
                "name": FAIRHEAR_OIDC_NAME,
                "client_id": env_str("FAIRHEAR_OIDC_CLIENT_ID"),
                "secret": env_str("FAIRHEAR_OIDC_CLIENT_SECRET"),
                "settings": {"server_url": FAIRHEAR_OIDC_SERVER_URL},
            }
        ]
        if FAIRHEAR_OIDC_SERVER_URL
        else [],
    }
}

# --- Internationalisation: English councils, English dates.
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files: built by `npm run build` into fairhear/static/build, served by WhiteNoise.
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or Path.cwd() / "staticfiles")
# Uploads: on local disk in MEDIA_ROOT, or in an S3-compatible bucket when FAIRHEAR_S3_BUCKET
# is set, so that more than one app server sees the same files. Without keys here, boto3 finds
# credentials its usual way (AWS_* variables, an instance or container role).
FAIRHEAR_S3_BUCKET = env_str("FAIRHEAR_S3_BUCKET")
_uploads: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if FAIRHEAR_S3_BUCKET:
    _s3_options = {
        "bucket_name": FAIRHEAR_S3_BUCKET,
        "endpoint_url": env_str("FAIRHEAR_S3_ENDPOINT_URL"),
        "region_name": env_str("FAIRHEAR_S3_REGION"),
        "access_key": env_str("FAIRHEAR_S3_ACCESS_KEY_ID"),
        "secret_key": env_str("FAIRHEAR_S3_SECRET_ACCESS_KEY"),
        "location": env_str("FAIRHEAR_S3_PREFIX", ""),
        # Complainants' files are private: links to them are signed and expire, and a name
        # already taken is never overwritten.
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
    }
    _uploads = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {name: value for name, value in _s3_options.items() if value != ""},
    }
    if bool(_s3_options["access_key"]) != bool(_s3_options["secret_key"]):
        raise ImproperlyConfigured(
            "FAIRHEAR_S3_ACCESS_KEY_ID and FAIRHEAR_S3_SECRET_ACCESS_KEY go together: set both, "
            "or neither to let boto3 find credentials its usual way."
        )
STORAGES = {
    "default": _uploads,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Email: printed to the console in development.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "complaints@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# GOV.UK Notify: with an API key (and no EMAIL_BACKEND of its own) every email goes through
# Notify's one generic template, whose subject is ((subject)) and body ((body)).
FAIRHEAR_NOTIFY_API_KEY = env_str("FAIRHEAR_NOTIFY_API_KEY")
FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID = env_str("FAIRHEAR_NOTIFY_EMAIL_TEMPLATE_ID")
# A Notify text message template whose body is ((body)): step notices by text need it.
FAIRHEAR_NOTIFY_SMS_TEMPLATE_ID = env_str("FAIRHEAR_NOTIFY_SMS_TEMPLATE_ID")
if FAIRHEAR_NOTIFY_API_KEY and not env_str("EMAIL_BACKEND"):
    EMAIL_BACKEND = "fairhear.public.notify.NotifyEmailBackend"

# --- Files sent with a contact, online or by staff: the largest accepted.
FAIRHEAR_UPLOAD_MAX_MB = env_int("FAIRHEAR_UPLOAD_MAX_MB", 10)

# --- Public forms: submissions per address per hour (0 turns the limit off), how long
# unfinished answers are kept, and how many files one complaint may attach.
FAIRHEAR_PUBLIC_RATE_LIMIT = env_int("FAIRHEAR_PUBLIC_RATE_LIMIT", 10)
FAIRHEAR_PUBLIC_DRAFT_DAYS = env_int("FAIRHEAR_PUBLIC_DRAFT_DAYS", 7)
FAIRHEAR_PUBLIC_UPLOAD_MAX_FILES = env_int("FAIRHEAR_PUBLIC_UPLOAD_MAX_FILES", 5)
# Unsent forms come from anyone: forms started and files uploaded per address per hour
# (0: no limit), and the most space all unsent forms' files may take together.
FAIRHEAR_PUBLIC_DRAFTS_PER_HOUR = env_int("FAIRHEAR_PUBLIC_DRAFTS_PER_HOUR", 20)
FAIRHEAR_PUBLIC_UPLOADS_PER_HOUR = env_int("FAIRHEAR_PUBLIC_UPLOADS_PER_HOUR", 20)
FAIRHEAR_PUBLIC_DRAFT_STORAGE_MB = env_int("FAIRHEAR_PUBLIC_DRAFT_STORAGE_MB", 500)
# The case file page's export is written in a thread of the web process after its request
# commits (interchange/exports.py); the tests write it at once, in the request's own thread.
FAIRHEAR_EXPORTS_IN_BACKGROUND = True

# --- Security: the headers of Django's deployment checklist, and a Content Security Policy
# that allows no inline script or style.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("FAIRHEAR_SESSION_HOURS", 8) * 3600
# A staff sign-in also ends after this many minutes without a request.
FAIRHEAR_IDLE_MINUTES = env_int("FAIRHEAR_IDLE_MINUTES", 30)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers check the app server over plain HTTP, without the proxy's header.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# How many proxies of the council's own stand in front of gunicorn, each appending to
# X-Forwarded-For: the visitor's address is that many entries from the right.
FAIRHEAR_PROXY_COUNT = 0
if env_bool("FAIRHEAR_BEHIND_PROXY", default=False):
    # The TLS-terminating proxy in front of gunicorn tells Django the original scheme.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    FAIRHEAR_PROXY_COUNT = env_int("FAIRHEAR_PROXY_COUNT", 1)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# One line per event: time, level, logger, message. A request for a host not in ALLOWED_HOSTS
# (scanners send them all day) is one line without its traceback.
_LOG_LINE = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": _LOG_LINE},
        "one_line": {"()": "fairhear.logs.OneLineFormatter", "format": _LOG_LINE},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
        "console_one_line": {"class": "logging.StreamHandler", "formatter": "one_line"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["console_one_line"], "propagate": False},
        # fpdf2's font subsetting (a letter's PDF) logs dozens of lines per file at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
