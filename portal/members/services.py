"""Operations on accounts, organizations and memberships that touch several models.

Each operation that users care about writes an audit entry with a dotted action id.
"""

import logging

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

logger = logging.getLogger(__name__)

SECRETARIAT_GROUP = "Secretariat"

# Model permissions the secretariat holds in the Wagtail admin, as "app_label.codename".
SECRETARIAT_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "members.view_organization",
    "members.add_organization",
    "members.change_organization",
    "members.view_membership",
    "members.change_membership",
    "members.view_user",
    "audit.view_auditevent",
]


def ensure_secretariat_group() -> Group:
    """Create or refresh the group that gives the secretariat its Wagtail admin permissions."""
    # Permissions of apps migrated after this one do not exist yet when post_migrate reaches us.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted = []
    for dotted in SECRETARIAT_PERMISSIONS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            logger.warning("Permission %s does not exist yet; run migrate again.", dotted)
            continue
        wanted.append(permission)
    group.permissions.add(*wanted)
    return group
