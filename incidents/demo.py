"""Demo content of the incidents area: patterns at several levels, an AMBER briefing, statistics, coded terms.

Everything here is invented, built on the facts of the 2016 report (chat and ID-exchange apps as contact
paths, multiple interaction sites with the most victims, 16–17-year-olds the largest group, monitoring of
messages and zoning as the measures that worked). Running it again changes nothing that already exists.
"""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from portal.members.distribution import DEFAULT_AMBER_KINDS, Distribution, join_kinds
from portal.members.models import Organization, OrganizationKind, User
from registry.models import Measure, SiteType

from .models import (
    CodedTerm,
    IncidentPattern,
    PatternAction,
    PatternEvent,
    PatternStatus,
    PoliceBriefingPage,
    StatisticsPeriod,
    VictimCount,
)
from .periods import add_months
from .pii import find_pii
from .services.briefings import BriefingDraft, publish_briefing_page

OPERATOR_EMAIL = "operator@example.jp"
POLICE_EMAIL = "police@example.jp"
OTHER_OPERATOR = "つなぐSNS合同会社"

PATTERNS = [
    {
        "title": "ゲームの攻略相談から別アプリへ誘導し、画像を要求する手口",
        "description": (
            "ゲーム内のチャットで攻略を教えると声をかけ、数日かけて打ち解けた後、"
            "「ここだと話しにくい」としてID交換型のメッセージアプリへ移動させた。"
            "移動後はプレゼントを約束して自撮り画像を要求し、送らないと関係を絶つと迫った。"
        ),
        "indicators": "年齢差の大きい利用者が短期間に多数の未成年へ同じ文面を送る。外部アプリへの移動を促す語句。",
        "coded_terms": "裏垢\nサポ",
        "measures_note": "年齢差のある利用者からのメッセージ制限と、外部アプリへの誘導語句の検知で早期に止められた可能性が高い。",
        "first_contact": "game_avatar",
        "next": "id_exchange",
        "contributor": "game_avatar",
        "offence": "child_pornography",
        "age": "13_and_under",
        "period": ("quarter", 2016, 1),
        "region": "kanto",
        "measures": ["age_gap_message_block", "keyword_screening", "message_monitoring"],
        "distribution": Distribution.GREEN,
        "status": PatternStatus.RELEASED,
    },
    {
        "title": "援助交際をほのめかす投稿への返信から面会に至る手口",
        "description": (
            "複数交流系サイトで金銭の援助を求める投稿に、大人の利用者が返信して条件を提示した。"
            "隠語で金額と待ち合わせの条件をやり取りし、その日のうちに面会していた。"
        ),
        "indicators": "投稿に金額を示す隠語と地名の組み合わせ。返信後すぐにダイレクトメッセージへ移る。",
        "coded_terms": "ホ別\nサポ\nワリキリ",
        "measures_note": "投稿の事前監視と、年齢確認を済ませていない利用者のダイレクトメッセージ制限が有効。",
        "first_contact": "multiple_interaction",
        "next": None,
        "contributor": "multiple_interaction",
        "offence": "child_prostitution",
        "age": "16_17",
        "period": ("month", 2016, 5),
        "region": "jp-13",
        "measures": ["post_monitoring_before", "age_verification"],
        "distribution": Distribution.AMBER,
        "status": PatternStatus.RELEASED,
    },
    {
        "title": "家出をほのめかす投稿に宿泊先の提供を持ちかける手口",
        "description": (
            "家出をほのめかす投稿を検索して、宿泊先を提供すると持ちかけた。"
            "チャットアプリに移ってから合流場所を決め、連れ出していた。"
        ),
        "indicators": "深夜帯に「泊めて」「迎えに行く」などの語句を含むやり取りが急増する。",
        "coded_terms": "神待ち",
        "measures_note": "24時間体制の監視と、深夜帯の語句検知による警告表示で介入できた。",
        "first_contact": "multiple_interaction",
        "next": "chat",
        "contributor": "chat",
        "offence": "kidnapping",
        "age": "14_15",
        "period": ("quarter", 2016, 2),
        "region": "kinki",
        "measures": ["round_the_clock_patrol", "keyword_screening"],
        "distribution": Distribution.AMBER_STRICT,
        "status": PatternStatus.RELEASED,
    },
    {
        "title": "ランダムマッチングで年齢を偽って近づく手口",
        "description": (
            "ランダムマッチングのアプリで同年代を装い、通話を重ねて信頼を得た後、"
            "別のサービスでの面会を約束させた。"
        ),
        "indicators": "プロフィールの年齢と会話内容の食い違い。短時間での通話の要求。",
        "coded_terms": "",
        "measures_note": "携帯電話事業者の年齢情報によるゾーニングで大人との接触を防げた。",
        "first_contact": "random_matching",
        "next": "chat",
        "contributor": "chat",
        "offence": "juvenile_protection_ordinance",
        "age": "16_17",
        "period": ("quarter", 2016, 2),
        "region": "jp",
        "measures": ["internet_zoning"],
        "distribution": Distribution.RED,
        "status": PatternStatus.RELEASED,
    },
    {
        "title": "動画配信のコメントから個別のやり取りへ誘う手口",
        "description": "配信中のコメントで褒め続け、配信後にメッセージで撮影を依頼した。",
        "indicators": "同じ利用者が複数の未成年の配信に高額の投げ銭を続ける。",
        "coded_terms": "",
        "measures_note": "",
        "first_contact": "video",
        "next": None,
        "contributor": "video",
        "offence": "child_pornography",
        "age": "14_15",
        "period": ("month", 2016, 6),
        "region": "chubu",
        "measures": ["message_monitoring"],
        "distribution": Distribution.AMBER,
        "status": PatternStatus.SUBMITTED,
    },
]

CODED_TERMS = [
    # (term, reading, meaning in Japanese, meaning in English, first seen, site types)
    (
        "サポ",
        "さぽ",
        "「サポート」の略。金銭の援助を条件とした交際の誘い。",
        'Short for "support": an offer of dating in return for money.',
        datetime.date(2014, 4, 1),
        ["multiple_interaction", "blog_board"],
    ),
    (
        "ホ別",
        "ほべつ",
        "「ホテル代別」の略。援助交際の条件提示に使われる。",
        'Short for "hotel fee not included": used when naming the terms of compensated dating.',
        datetime.date(2013, 10, 1),
        ["multiple_interaction", "blog_board"],
    ),
    (
        "ワリキリ",
        "わりきり",
        "金銭を目的とした関係であることを示す語。",
        "Marks a relationship offered for money.",
        datetime.date(2013, 7, 1),
        ["multiple_interaction", "chat"],
    ),
    (
        "神待ち",
        "かみまち",
        "家出などで宿泊先を提供してくれる人を待つことを示す語。",
        "Waiting for someone to offer a place to stay, typically after running away from home.",
        datetime.date(2012, 1, 1),
        ["multiple_interaction", "blog_board"],
    ),
    (
        "裏垢",
        "うらあか",
        "知人に知られていない別アカウント。勧誘や画像のやり取りに使われる。",
        "A second account unknown to acquaintances, used for solicitation or exchanging images.",
        datetime.date(2015, 1, 1),
        ["multiple_interaction", "id_exchange"],
    ),
    (
        "パパ活",
        "ぱぱかつ",
        "金銭的な援助をしてくれる相手を探す活動。未成年の勧誘に使われる。",
        "Looking for someone who gives financial support; used to solicit minors.",
        datetime.date(2016, 1, 1),
        ["multiple_interaction", "chat", "random_matching"],
    ),
]

# Invented breakdowns of the first half of 2016 that follow the report's statements: multiple interaction
# sites ahead, Juvenile Protection Ordinance violations first, then child pornography and child prostitution,
# 16-17-year-olds the majority. Each adds up to the report's total of 889.
DEMO_BREAKDOWN = {
    "site_type": {
        "multiple_interaction": 350,
        "chat": 180,
        "id_exchange": 120,
        "blog_board": 60,
        "video": 40,
        "random_matching": 30,
        "game_avatar": 25,
        "other": 84,
    },
    "offence_type": {
        "juvenile_protection_ordinance": 380,
        "child_pornography": 290,
        "child_prostitution": 150,
        "child_welfare_act": 20,
        "sexual_assault": 25,
        "kidnapping": 10,
        "other": 14,
    },
    "age_bracket": {"13_and_under": 179, "14_15": 260, "16_17": 450},
}
DEMO_BREAKDOWN_SOURCE_JA = "デモ用に作成した架空の内訳です。公式の統計ではありません。"
DEMO_BREAKDOWN_SOURCE_EN = "Invented breakdown for the demo; not official statistics."

BRIEFING = {
    "title": "2016年上半期 コミュニティサイトに起因する事犯の検挙状況（デモ）",
    "summary": (
        "2016年上半期の被害児童数は889人で、統計を取り始めた2008年以降で最も多い水準です。\n"
        "複数交流系サイトに起因する被害が最も多く、チャット系とID・QRコード交換系が続きます。\n"
        "被害児童の約9割がフィルタリングを利用していませんでした。"
        "ミニメールの監視とインターネット・ゾーニングの徹底をお願いします。"
    ),
    "arrests": {"juvenile_protection_ordinance": 41, "child_pornography": 35, "child_prostitution": 18},
    "site_types": ["multiple_interaction", "chat", "id_exchange"],
}


def load() -> None:
    operator = User.objects.filter(email=OPERATOR_EMAIL).first()
    police = User.objects.filter(email=POLICE_EMAIL).first()
    if operator is not None:
        _load_patterns(operator)
    _load_terms()
    _load_statistics()
    if police is not None:
        _load_briefing(police)


def _load_patterns(author: User) -> None:
    organization = author.memberships.get().organization
    site_types = {site_type.code: site_type for site_type in SiteType.objects.all()}
    other_operator = Organization.objects.filter(name_ja=OTHER_OPERATOR).first()
    police = Organization.objects.filter(kind=OrganizationKind.POLICE).first()
    now = timezone.now()
    for spec in PATTERNS:
        if IncidentPattern.objects.filter(title=spec["title"], origin_organization=organization).exists():
            continue
        texts = [
            spec["title"],
            spec["description"],
            spec["indicators"],
            spec["coded_terms"],
            spec["measures_note"],
        ]
        if any(find_pii(text) for text in texts):
            raise ValueError(f"Demo pattern {spec['title']!r} contains text the PII guard rejects.")
        kind, year, number = spec["period"]
        pattern = IncidentPattern.objects.create(
            title=spec["title"],
            description=spec["description"],
            indicators=spec["indicators"],
            coded_terms=spec["coded_terms"],
            measures_note=spec["measures_note"],
            first_contact_site_type=site_types[spec["first_contact"]],
            next_site_type=site_types[spec["next"]] if spec["next"] else None,
            contributor_site_type=site_types[spec["contributor"]],
            offence_type=spec["offence"],
            age_bracket=spec["age"],
            period_kind=kind,
            period_year=year,
            period_number=number,
            region=spec["region"],
            distribution=spec["distribution"],
            audience_kinds=join_kinds(DEFAULT_AMBER_KINDS),
            status=spec["status"],
            origin_organization=organization,
            created_by=author,
            submitted_at=now,
            released_at=now if spec["status"] == PatternStatus.RELEASED else None,
            archive_on=add_months(timezone.localdate(), 24)
            if spec["status"] == PatternStatus.RELEASED
            else None,
        )
        pattern.measures.set(Measure.objects.filter(code__in=spec["measures"]))
        if spec["distribution"] == Distribution.RED:
            pattern.named_organizations.set([org for org in (other_operator, police) if org is not None])
        PatternEvent.objects.create(
            pattern=pattern,
            action=PatternAction.CREATED,
            actor=author,
            organization=organization,
            new_distribution=pattern.distribution,
        )
        if spec["status"] == PatternStatus.RELEASED:
            PatternEvent.objects.create(
                pattern=pattern, action=PatternAction.RELEASED, new_distribution=pattern.distribution
            )


def _load_terms() -> None:
    site_types = {site_type.code: site_type for site_type in SiteType.objects.all()}
    for term, reading, meaning_ja, meaning_en, first_seen, codes in CODED_TERMS:
        if CodedTerm.objects.filter(term=term).exists():
            continue
        coded_term = CodedTerm.objects.create(
            term=term, reading=reading, meaning_ja=meaning_ja, meaning_en=meaning_en, first_seen=first_seen
        )
        coded_term.site_types.set([site_types[code] for code in codes])


def _load_statistics() -> None:
    period = StatisticsPeriod.objects.filter(year=2016, kind="first_half").first()
    if period is None or period.counts.exists():
        return
    period.breakdown_source_ja = DEMO_BREAKDOWN_SOURCE_JA
    period.breakdown_source_en = DEMO_BREAKDOWN_SOURCE_EN
    period.save()
    VictimCount.objects.bulk_create(
        VictimCount(period=period, dimension=dimension, category=category, victims=victims)
        for dimension, counts in DEMO_BREAKDOWN.items()
        for category, victims in counts.items()
    )


def _load_briefing(author: User) -> None:
    if PoliceBriefingPage.objects.filter(title=BRIEFING["title"]).exists():
        return
    site_types = list(SiteType.objects.filter(code__in=BRIEFING["site_types"]))
    draft = BriefingDraft(
        title=BRIEFING["title"],
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2016, 6, 30),
        summary=BRIEFING["summary"],
        distribution=Distribution.AMBER,
        audience_kinds=join_kinds(DEFAULT_AMBER_KINDS),
        arrests=BRIEFING["arrests"],
        site_types=site_types,
        attachments=[SimpleUploadedFile("arrests-2016-h1.png", _chart_png(BRIEFING["arrests"]))],
    )
    publish_briefing_page(
        draft, author=author, organization=author.memberships.get().organization, language_code="ja"
    )


def _chart_png(arrests: dict[str, int]) -> bytes:
    """Draw a small bar chart of the arrests, as an example attachment."""
    image = Image.new("RGB", (400, 160), "white")
    drawing = ImageDraw.Draw(image)
    largest = max(arrests.values())
    for index, count in enumerate(arrests.values()):
        top = 20 + index * 45
        drawing.rectangle([20, top, 20 + 340 * count // largest, top + 30], fill=(11, 79, 138))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()
