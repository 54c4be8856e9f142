"""Terms of installed apps that the portal translates itself, so every screen uses the same Japanese word.

Wagtail's catalogue translates "Email" as Eメール, and allauth's translates "Sign Up" as ユーザー登録. The
project's catalogue comes first in ``LOCALE_PATHS``, so the msgids below give the portal's own words on
every page. Nothing imports this module; ``makemessages`` reads it.
"""

from django.utils.translation import gettext_noop

SHARED_TERMS = [
    gettext_noop("Email"),
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Sign Up"),
]
