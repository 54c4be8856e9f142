import pytest


@pytest.fixture
def make_user(db):
    """Return a factory of users with a verified email and, optionally, an approved membership and a TOTP."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from portal.members.models import Membership, MembershipStatus, Organization, User
    from portal.members.services import ensure_secretariat_group

    counter = {"n": 0}

    def factory(kind=None, *, role="member", status=MembershipStatus.APPROVED, totp=False, organization=None):
        counter["n"] += 1
        email = f"user{counter['n']}@example.jp"
        user = User.objects.create_user(
            username=f"user{counter['n']}", email=email, password="test-password-1"
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if kind is not None or organization is not None:
            if organization is None:
                organization = Organization.objects.create(
                    name_ja=f"組織{counter['n']}",
                    name_en=f"Organization {counter['n']}",
                    kind=kind,
                    is_approved=True,
                )
            Membership.objects.create(user=user, organization=organization, role=role, status=status)
            if organization.kind == "secretariat" and status == MembershipStatus.APPROVED:
                user.groups.add(ensure_secretariat_group())
        if totp:
            TOTP.activate(user, generate_totp_secret())
        return user

    return factory
