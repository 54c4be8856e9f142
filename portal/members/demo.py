"""Demo organizations of every kind and one demo user per role. All names are invented."""

import json
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from .models import Membership, MembershipRole, MembershipStatus, Organization, OrganizationKind, User
from .services import sync_secretariat_group

ORGANIZATIONS = [
    # (kind, Japanese name, English name)
    (OrganizationKind.OPERATOR, "みらいチャット株式会社", "Mirai Chat Inc."),
    (OrganizationKind.OPERATOR, "つなぐSNS合同会社", "Tsunagu SNS LLC"),
    (
        OrganizationKind.POLICE,
        "架空県警察本部 サイバー犯罪対策課",
        "Fictional Prefectural Police, Cybercrime Division",
    ),
    (OrganizationKind.EDUCATOR, "さくら市教育委員会", "Sakura City Board of Education"),
    (
        OrganizationKind.VOLUNTEER_GROUP,
        "あおばサイバー防犯ボランティア",
        "Aoba Cybercrime-Prevention Volunteers",
    ),
    (OrganizationKind.CARRIER, "ひかりモバイル株式会社", "Hikari Mobile Inc."),
    (OrganizationKind.FILTERING_PROVIDER, "セーフネットフィルタリング株式会社", "SafeNet Filtering Inc."),
    (
        OrganizationKind.REVIEW_BODY,
        "コミュニティサイト第三者審査機構",
        "Community Site Independent Review Board",
    ),
    (OrganizationKind.SECRETARIAT, "コミュニティサイト事業者協議会 事務局", "Conference Secretariat"),
]

USERS = [
    # (role shown in the sign-in list, email, name, organization's Japanese name, membership role, status)
    (
        "operator",
        "operator@example.jp",
        "佐藤 花子",
        "みらいチャット株式会社",
        MembershipRole.MEMBER,
        MembershipStatus.APPROVED,
    ),
    (
        "operator admin",
        "operator-admin@example.jp",
        "鈴木 一郎",
        "みらいチャット株式会社",
        MembershipRole.ADMIN,
        MembershipStatus.APPROVED,
    ),
    (
        "police",
        "police@example.jp",
        "高橋 健",
        "架空県警察本部 サイバー犯罪対策課",
        MembershipRole.MEMBER,
        MembershipStatus.APPROVED,
    ),
    (
        "educator",
        "educator@example.jp",
        "田中 美咲",
        "さくら市教育委員会",
        MembershipRole.MEMBER,
        MembershipStatus.APPROVED,
    ),
    (
        "volunteer",
        "volunteer@example.jp",
        "伊藤 翔",
        "あおばサイバー防犯ボランティア",
        MembershipRole.MEMBER,
        MembershipStatus.APPROVED,
    ),
    (
        "carrier",
        "carrier@example.jp",
        "渡辺 直子",
        "ひかりモバイル株式会社",
        MembershipRole.MEMBER,
        MembershipStatus.APPROVED,
    ),
    (
        "filtering provider",
        "filtering@example.jp",
        "山本 大輔",
        "セーフネットフィルタリング株式会社",
        MembershipRole.MEMBER,
        MembershipStatus.APPROVED,
    ),
    (
        "reviewer",
        "reviewer@example.jp",
        "中村 由美",
        "コミュニティサイト第三者審査機構",
        MembershipRole.MEMBER,
        MembershipStatus.APPROVED,
    ),
    (
        "secretariat",
        "secretariat@example.jp",
        "小林 誠",
        "コミュニティサイト事業者協議会 事務局",
        MembershipRole.ADMIN,
        MembershipStatus.APPROVED,
    ),
    (
        "applicant (pending)",
        "applicant@example.jp",
        "加藤 さくら",
        "つなぐSNS合同会社",
        MembershipRole.MEMBER,
        MembershipStatus.PENDING,
    ),
]


def load() -> list[tuple[str, str, str]]:
    """Create the demo organizations and users if missing and return ``(role, email, password)`` rows."""
    organizations = {}
    for kind, name_ja, name_en in ORGANIZATIONS:
        organization, _created = Organization.objects.get_or_create(
            name_ja=name_ja, defaults={"name_en": name_en, "kind": kind, "is_approved": True}
        )
        organizations[name_ja] = organization

    passwords = _read_passwords()
    sign_ins = []
    for label, email, name, organization_name, role, status in USERS:
        user, password = _ensure_user(email, name, passwords.get(email))
        passwords[email] = password
        organization = organizations[organization_name]
        Membership.objects.get_or_create(
            user=user,
            organization=organization,
            defaults={
                "role": role,
                "status": status,
                "decided_at": timezone.now() if status != "pending" else None,
            },
        )
        sync_secretariat_group(user)
        sign_ins.append((label, email, password))
    _write_passwords(passwords)
    return sign_ins


def _ensure_user(email: str, name: str, known_password: str | None) -> tuple[User, str]:
    user = User.objects.filter(email=email).first()
    if user is not None and known_password and user.check_password(known_password):
        return user, known_password
    password = f"demo-{secrets.token_urlsafe(9)}"
    if user is None:
        user = User(email=email, username=email.split("@")[0], name=name)
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, password


def _read_passwords() -> dict[str, str]:
    path = settings.PORTAL_DEMO_CREDENTIALS_FILE
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}


def _write_passwords(passwords: dict[str, str]) -> None:
    path = settings.PORTAL_DEMO_CREDENTIALS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(passwords, indent=2, ensure_ascii=False), encoding="utf-8")
    path.chmod(0o600)
