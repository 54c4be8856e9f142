import pytest
from django.core import mail

from portal.members.models import MembershipRole, OrganizationKind
from tests.factories import make_member, make_organization


@pytest.fixture
def operator(db):
    return make_organization(OrganizationKind.OPERATOR)


@pytest.fixture
def operator_admin(operator):
    return make_member(organization=operator, role=MembershipRole.ADMIN, name="Admin of the operator")


@pytest.fixture
def secretary(db):
    return make_member(
        OrganizationKind.SECRETARIAT, role=MembershipRole.ADMIN, with_totp=True, name="Secretary"
    )


@pytest.fixture
def applicant(operator):
    """A user whose request to join ``operator`` is pending."""
    return make_member(organization=operator, status="pending", name="Applicant")


@pytest.fixture
def outbox():
    """The emails sent during the test, starting empty."""
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """A context manager that runs the ``transaction.on_commit`` callbacks (the email tasks) on exit."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
