import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

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


@pytest.fixture(autouse=True)
def default_language():
    """Start and end each test in the default language.

    A request to an ``/en/`` page leaves English active in the test's thread, which would change the URLs that
    ``reverse`` returns and the messages that services raise in the tests that follow.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
