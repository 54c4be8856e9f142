"""``manage.py load_demo``: fill the portal with demo content, safe to run again."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo content of every app that has a demo module: organizations of every kind, one user per "
        "role, home pages and each area's examples. Running it again keeps existing data and passwords."
    )

    def handle(self, *args, **options) -> None:
        sign_ins: list[tuple[str, str, str]] = []
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                result = import_module(module_name).load()
                sign_ins.extend(result or [])
                self.stdout.write(f"Loaded demo content of {app_config.label}.")
        if sign_ins and settings.DEBUG:
            self.print_sign_ins(sign_ins)

    def print_sign_ins(self, sign_ins: list[tuple[str, str, str]]) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo sign-ins (development only):"))
        width = max(len(email) for _role, email, _password in sign_ins)
        for role, email, password in sign_ins:
            self.stdout.write(f"  {email.ljust(width)}  {password}  {role}")
        self.stdout.write(f"Saved as JSON in {settings.PORTAL_DEMO_CREDENTIALS_FILE}.")
