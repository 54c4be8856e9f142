from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "portal.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from . import mfa, signals  # noqa: F401

        post_migrate.connect(ensure_secretariat_group_after_migrate, sender=self)


def ensure_secretariat_group_after_migrate(sender, **kwargs) -> None:
    from .services import ensure_secretariat_group

    ensure_secretariat_group()
