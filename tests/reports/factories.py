from portal.members.models import OrganizationKind
from reports import services
from reports.models import Category
from tests.factories import make_member
from tests.registry.factories import make_service


def make_report(service=None, *, user=None, category=Category.GROOMING, contact_email="", **fields):
    """Send a report through the intake service; return it with its PIN."""
    if service is None and not fields.get("site_address"):
        service = make_service()
    values = {
        "service": service,
        "site_address": "",
        "post_url": "https://sns.example.com/posts/1",
        "category": category,
        "description": "An adult asks a junior high school student to meet.",
        "contact_email": contact_email,
        "user": user,
        "language": "ja",
    } | fields
    return services.submit_report(**values)


def make_moderator(service):
    """Return a member of the operator that runs ``service``."""
    return make_member(OrganizationKind.OPERATOR, organization=service.organization)
