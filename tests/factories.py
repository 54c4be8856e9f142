"""Plain functions that build the accounts, organizations and memberships tests need.

Every app's tests may use these. Each call makes new rows with unique names and addresses.
"""

import itertools

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt

from portal.members import access, services
from portal.members.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    User,
)

PASSWORD = "correct-horse-battery-staple"  # noqa: S105

_sequence = itertools.count(1)


def make_organization(
    kind: str = OrganizationKind.OPERATOR, *, approved: bool = True, **fields
) -> Organization:
    number = next(_sequence)
    fields.setdefault("name_ja", f"組織{number}")
    fields.setdefault("name_en", f"Organization {number}")
    return Organization.objects.create(kind=kind, is_approved=approved, **fields)


def make_user(email: str | None = None, *, name: str = "", verified: bool = True, **fields) -> User:
    """Create an account that signs in with ``PASSWORD``, with its email address verified unless ``verified`` is false."""
    number = next(_sequence)
    email = email or f"person{number}@example.jp"
    user = User.objects.create_user(
        username=f"user{number}", email=email, password=PASSWORD, name=name, **fields
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


def make_membership(
    user: User,
    organization: Organization,
    *,
    role: str = MembershipRole.MEMBER,
    status: str = MembershipStatus.APPROVED,
) -> Membership:
    return Membership.objects.create(user=user, organization=organization, role=role, status=status)


def make_member(
    kind: str = OrganizationKind.OPERATOR,
    role: str = MembershipRole.MEMBER,
    *,
    organization: Organization | None = None,
    with_totp: bool = False,
    status: str = MembershipStatus.APPROVED,
    **user_fields,
) -> User:
    """Create a user with a membership of ``role`` in a new organization of ``kind`` (or in ``organization``)."""
    organization = organization or make_organization(kind)
    user = make_user(**user_fields)
    make_membership(user, organization, role=role, status=status)
    if with_totp:
        activate_totp(user)
    # The secretariat's admin access comes from a group that the services maintain.
    services.sync_secretariat_group(user)
    access.forget_standing(user)
    return user


def activate_totp(user: User) -> Authenticator:
    """Give ``user`` an active TOTP authenticator, as allauth's own test fixtures do."""
    return TOTP.activate(user, generate_totp_secret()).instance


def current_totp_code(authenticator: Authenticator) -> str:
    """Return a code the authenticator accepts now, as an authenticator app would show it."""
    secret = decrypt(authenticator.data["secret"])
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))
