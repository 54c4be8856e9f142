"""Settings shared by every environment.

A fresh checkout runs with no environment variables: SQLite, the Whoosh index and media all live under
``var/``. ``production.py`` reads the deployment's services from the environment instead.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

PORTAL_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PORTAL_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "portal.home",
    "portal.members",
    "portal.audit",
    "portal.notifications",
    # Demo content loads in this order. Guidelines come before the registry, so their demo versions are in
    # force before the registry's demo adoptions exist, and loading the demo flags no adoption for review.
    "guidelines",
    "registry",
    "curricula",
    "incidents",
    "reports",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.members.middleware.SecondFactorMiddleware",
    "portal.home.page_cache.PageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.members.context_processors.membership",
                "portal.notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "portal.sqlite3",
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:dashboard"

# Sign-in and sign-up by email (django-allauth), with mandatory verification and allauth's default
# rate limits left on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_FORMS = {"signup": "portal.members.forms.SignupForm"}
ACCOUNT_ADAPTER = "portal.members.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "portal.members.mfa.MFAAdapter"
MFA_TOTP_ISSUER = "Community Site Conference Portal"

LANGUAGE_CODE = "ja"
# Date formats that differ from Django's, per language (see the modules' docstrings).
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [PORTAL_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin shows this name as is; Japanese, the default language of its users.
WAGTAIL_SITE_NAME = "コミュニティサイト事業者協議会ポータル"
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Avatars would send a hash of each staff member's email address to an outside service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "txt", "docx", "xlsx", "pptx", "odt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The portal's own Whoosh backend; production.py switches to OpenSearch with SEARCH_BACKEND=opensearch.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "portal.search.backends.whoosh",
        "PATH": VAR_DIR / "search-index",
        "WRITE_TIMEOUT": 30,
    }
}

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PORTAL_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# "private" contains files that only views checked by the access policy serve (evidence, attachments). It
# has no URL, so no web server or storage link hands them out.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "portal.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "private"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Largest file a member may upload as evidence or attachment, in bytes.
PORTAL_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# Largest image a member may upload, in pixels (width × height). Uploaded images are decoded whole to strip
# their metadata, at 4 bytes a pixel for RGBA, so this bounds that memory at 200 MB.
PORTAL_UPLOAD_MAX_PIXELS = 50_000_000

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@example.jp")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview views set SAMEORIGIN on their own responses, so every other page can refuse framing.
X_FRAME_OPTIONS = "DENY"

# Seconds a published page stays cached for anonymous visitors; publishing any page retires the copies.
PORTAL_PAGE_CACHE_SECONDS = 300

# Notifications older than this are deleted by `manage.py prune_notifications`.
PORTAL_NOTIFICATION_RETENTION_DAYS = 365

# Organization kinds whose members must use a second factor before any members-only page.
PORTAL_SECOND_FACTOR_KINDS = ["police", "review_body", "secretariat"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
    },
}
PORTAL_SECOND_FACTOR_SETUP_URL = "mfa_activate_totp"

# Demo passwords made by ``manage.py load_demo``, kept so that a second run prints the same ones.
PORTAL_DEMO_CREDENTIALS_FILE = VAR_DIR / "demo-sign-ins.txt"

# Public exports (CSV, JSON) one sender may download per window; each writes an audit entry.
PORTAL_EXPORT_LIMIT = 60
PORTAL_EXPORT_WINDOW_SECONDS = 60 * 60

# Invitations an organization may send per 24 hours, and guideline comments and replies a member may write
# per hour (the secretariat's official responses are not counted).
MEMBERS_INVITATION_DAILY_LIMIT = 50
GUIDELINES_COMMENT_HOURLY_LIMIT = 20

# Incidents area. Counts from 1 up to this threshold minus one are shown as "fewer than N" in every aggregate.
INCIDENTS_SMALL_CELL_THRESHOLD = 3
# Fetches of the coded-term feed allowed per token (or per member, or per address without a valid token)
# in each fixed window of this many seconds.
INCIDENTS_FEED_RATE_LIMIT = 60
INCIDENTS_FEED_RATE_WINDOW = 3600

# Curricula: feedback sent per sender (an account, or a hashed client address) per window, how long
# feedback is kept, and how long a stored pack of several curricula is kept (`manage.py prune_curricula`).
CURRICULA_FEEDBACK_ANONYMOUS_LIMIT = 5
CURRICULA_FEEDBACK_MEMBER_LIMIT = 20
CURRICULA_FEEDBACK_WINDOW_SECONDS = 60 * 60
CURRICULA_FEEDBACK_RETENTION_DAYS = 365
CURRICULA_PACK_RETENTION_DAYS = 30
# New packs (not yet stored) that one sender may have rendered per window of this many seconds.
CURRICULA_PACK_RENDER_LIMIT = 10
CURRICULA_PACK_RENDER_WINDOW_SECONDS = 60 * 60

# Reports of inappropriate posts. The reporter's email address and account link are deleted this many days
# after a report is closed (`manage.py prune_report_contacts`, daily).
REPORTS_CONTACT_RETENTION_DAYS = 90
# Reports accepted per client address, and per signed-in account, in each window of this many seconds.
REPORTS_SUBMIT_ADDRESS_LIMIT = 10
REPORTS_SUBMIT_ACCOUNT_LIMIT = 30
REPORTS_SUBMIT_WINDOW_SECONDS = 60 * 60
# Failed receipt lookups allowed per client address, and per receipt number, in each window.
REPORTS_LOOKUP_FAILURE_LIMIT = 10
REPORTS_LOOKUP_WINDOW_SECONDS = 60 * 60
# Published totals are cached for this long, and dropped at once when a report arrives or is closed.
REPORTS_TOTALS_CACHE_SECONDS = 60 * 60
# The national hotline for illegal and harmful content (Internet Hotline Center Japan).
REPORTS_HOTLINE_URL = "https://www.internethotline.jp/"
