"""Regions an incident pattern may name: all of Japan, one of eight regions, or one prefecture.

Nothing finer than a prefecture is offered, so a pattern cannot point at a town or a school district. Codes
of prefectures are their JIS X 0401 numbers (``jp-13`` is Tokyo).
"""

from django.utils.functional import lazy
from django.utils.translation import get_language

NATIONWIDE = "jp"
UNKNOWN = "unknown"

# (code, Japanese name, English name)
AREAS = [
    (NATIONWIDE, "全国", "All of Japan"),
    ("hokkaido-region", "北海道地方", "Hokkaido region"),
    ("tohoku", "東北地方", "Tohoku region"),
    ("kanto", "関東地方", "Kanto region"),
    ("chubu", "中部地方", "Chubu region"),
    ("kinki", "近畿地方", "Kinki region"),
    ("chugoku", "中国地方", "Chugoku region"),
    ("shikoku", "四国地方", "Shikoku region"),
    ("kyushu-okinawa", "九州・沖縄地方", "Kyushu and Okinawa region"),
]

PREFECTURES = [
    ("jp-01", "北海道", "Hokkaido"),
    ("jp-02", "青森県", "Aomori"),
    ("jp-03", "岩手県", "Iwate"),
    ("jp-04", "宮城県", "Miyagi"),
    ("jp-05", "秋田県", "Akita"),
    ("jp-06", "山形県", "Yamagata"),
    ("jp-07", "福島県", "Fukushima"),
    ("jp-08", "茨城県", "Ibaraki"),
    ("jp-09", "栃木県", "Tochigi"),
    ("jp-10", "群馬県", "Gunma"),
    ("jp-11", "埼玉県", "Saitama"),
    ("jp-12", "千葉県", "Chiba"),
    ("jp-13", "東京都", "Tokyo"),
    ("jp-14", "神奈川県", "Kanagawa"),
    ("jp-15", "新潟県", "Niigata"),
    ("jp-16", "富山県", "Toyama"),
    ("jp-17", "石川県", "Ishikawa"),
    ("jp-18", "福井県", "Fukui"),
    ("jp-19", "山梨県", "Yamanashi"),
    ("jp-20", "長野県", "Nagano"),
    ("jp-21", "岐阜県", "Gifu"),
    ("jp-22", "静岡県", "Shizuoka"),
    ("jp-23", "愛知県", "Aichi"),
    ("jp-24", "三重県", "Mie"),
    ("jp-25", "滋賀県", "Shiga"),
    ("jp-26", "京都府", "Kyoto"),
    ("jp-27", "大阪府", "Osaka"),
    ("jp-28", "兵庫県", "Hyogo"),
    ("jp-29", "奈良県", "Nara"),
    ("jp-30", "和歌山県", "Wakayama"),
    ("jp-31", "鳥取県", "Tottori"),
    ("jp-32", "島根県", "Shimane"),
    ("jp-33", "岡山県", "Okayama"),
    ("jp-34", "広島県", "Hiroshima"),
    ("jp-35", "山口県", "Yamaguchi"),
    ("jp-36", "徳島県", "Tokushima"),
    ("jp-37", "香川県", "Kagawa"),
    ("jp-38", "愛媛県", "Ehime"),
    ("jp-39", "高知県", "Kochi"),
    ("jp-40", "福岡県", "Fukuoka"),
    ("jp-41", "佐賀県", "Saga"),
    ("jp-42", "長崎県", "Nagasaki"),
    ("jp-43", "熊本県", "Kumamoto"),
    ("jp-44", "大分県", "Oita"),
    ("jp-45", "宮崎県", "Miyazaki"),
    ("jp-46", "鹿児島県", "Kagoshima"),
    ("jp-47", "沖縄県", "Okinawa"),
]

# Prefecture names as people write them, with and without 都, 府 and 県, for the PII guard's look-alikes.
PREFECTURE_NAMES_JA = frozenset(
    {name for _code, name, _en in PREFECTURES}
    | {name[:-1] for _code, name, _en in PREFECTURES if name[-1] in "都府県" and len(name) > 2}
    | {"東京", "京都", "大阪"}
)
PREFECTURE_NAMES_EN = frozenset(english for _code, _ja, english in PREFECTURES)


def _pick(japanese: str, english: str) -> str:
    return english if get_language() == "en" else japanese


localized_name = lazy(_pick, str)

REGION_CHOICES = [
    (code, localized_name(japanese, english)) for code, japanese, english in [*AREAS, *PREFECTURES]
] + [(UNKNOWN, localized_name("不明", "Unknown"))]
REGION_CODES = frozenset(code for code, _name in REGION_CHOICES)
