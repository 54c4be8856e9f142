import pytest


@pytest.fixture
def make_user(db):
    """Return a factory of users with a verified email and, optionally, a membership and a TOTP.

    ``make_user(kind)`` gives an approved member of a new organization of that kind; ``make_user(None)`` an
    account without any membership. It wraps ``tests.factories`` for the tables of roles these tests walk.
    """
    from portal.members.models import MembershipStatus
    from tests.factories import make_member
    from tests.factories import make_user as make_account

    def factory(kind=None, *, role="member", status=MembershipStatus.APPROVED, totp=False, organization=None):
        if kind is None and organization is None:
            return make_account()
        return make_member(
            kind or organization.kind, role, organization=organization, with_totp=totp, status=status
        )

    return factory
