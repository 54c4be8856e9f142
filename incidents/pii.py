"""A guard that finds personal information in free text before an incident pattern is stored.

``find_pii(text)`` returns the spans to remove, each with its start and end offsets in ``text`` (as Python
string indexes) and its kind. It reads Japanese and English writing and folds full-width and half-width
forms with Unicode NFKC first, so ``０９０－１２３４－５６７８`` and ``ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ`` are found
like their ASCII forms.

It is a set of rules, not a model, and it errs towards rejecting. It lets through the look-alikes that
anonymized patterns need: age brackets such as 16～17歳, years, counts such as 1,652件, prefecture names,
police department names and initials such as A子さん. ``docs/incidents.md`` lists what it cannot catch.
"""

from __future__ import annotations

import bisect
import enum
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .regions import PREFECTURE_NAMES_EN, PREFECTURE_NAMES_JA


class PiiKind(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    HANDLE = "handle"
    PROFILE_URL = "profile_url"
    POSTAL_CODE = "postal_code"
    ADDRESS = "address"
    NAME = "name"
    SCHOOL = "school"
    BIRTH_DATE = "birth_date"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    PiiKind.PHONE: _("phone number"),
    PiiKind.EMAIL: _("email address"),
    PiiKind.HANDLE: _("user ID or handle"),
    PiiKind.PROFILE_URL: _("profile URL"),
    PiiKind.POSTAL_CODE: _("postal code"),
    PiiKind.ADDRESS: _("street address"),
    PiiKind.NAME: _("personal name"),
    PiiKind.SCHOOL: _("school name"),
    PiiKind.BIRTH_DATE: _("birth date"),
}


@dataclass(frozen=True)
class PiiSpan:
    """One piece of personal information: ``text[start:end]`` of the checked text, and what it is."""

    start: int
    end: int
    kind: PiiKind
    text: str


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    # ASCII semantics for \w, \b and \d: in Unicode mode a kana or kanji is a word character, so "は" before
    # "090-…" would hide the number from a word boundary. NFKC has already made full-width digits ASCII.
    return re.compile(pattern, flags | re.ASCII)


# Character classes, applied to NFKC-folded text.
KANJI = "\u3400-\u4dbf\u4e00-\u9fff々〆ヶ"
HIRAGANA = "\u3041-\u3096"
KATAKANA = "\u30a1-\u30fa\u30fc"
# Separators people put between the digits of a phone number, including the katakana long vowel mark that
# Japanese writers often type for a dash.
DIGIT_SEPARATOR = r"[\s\-‐‑‒–—―−ー~〜.・()]{0,2}"
DASH = r"[\-‐‑‒–—―−ー]"
KANJI_DIGITS = "〇零一二三四五六七八九十"


# Phone numbers


PHONE_PATTERNS = [
    # Japanese numbers: 0 and 9 or 10 more digits, or +81 and the number without its leading 0. Letters may
    # come right before the number, as in "TEL09012345678" (and ℡, which NFKC folds to "TEL").
    _compile(rf"(?<![\d+])(?:\+\s?81{DIGIT_SEPARATOR}(?:\(0\))?|\(?0)(?:\d{DIGIT_SEPARATOR}){{8,9}}\d(?!\d)"),
    # Other international numbers: + and 8 to 15 digits.
    _compile(rf"(?<![\w+])\+(?:\d{DIGIT_SEPARATOR}){{7,14}}\d(?!\d)"),
    # Numbers in kanji numerals, as 〇九〇‐一二三四‐五六七八 or 零九零….
    _compile(
        rf"(?<![{KANJI_DIGITS}])[〇零](?:[{KANJI_DIGITS}]{DIGIT_SEPARATOR}){{8,9}}[{KANJI_DIGITS}](?![{KANJI_DIGITS}])"
    ),
]
# Three groups of digits with the same separator between them, including ones the pattern above does not
# take (090/1234/5678, 090_1234_5678, 090 - 1234 - 5678). The separator must repeat, so that a date range
# such as 2016/01/01-2016/06/30 is not read as a number.
GROUPED_PHONE = _compile(
    rf"(?<![\d+])(?P<area>0\d{{1,4}})(?P<separator>\s{{0,2}}[/_,*⁃]\s{{0,2}}|\s{{1,2}}{DASH}\s{{1,2}})"
    rf"(?P<exchange>\d{{1,4}})(?P=separator)(?P<line>\d{{3,4}})(?!\d)"
)


def _find_phones(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for pattern in PHONE_PATTERNS:
        for match in pattern.finditer(text):
            yield match.start(), match.end(), PiiKind.PHONE
    for match in GROUPED_PHONE.finditer(text):
        # Japanese numbers have 10 digits, or 11 for mobile and IP phones.
        if len(match.group("area") + match.group("exchange") + match.group("line")) in (10, 11):
            yield match.start(), match.end(), PiiKind.PHONE


# Email addresses, including "name (at) example.com" and "name あっと example.com".

EMAIL_PATTERN = _compile(
    # The lookbehind starts a match only where a run of address characters starts. Without it, every position
    # of a long run is tried again, which takes seconds on 10,000 letters. The ideographic full stop and
    # "dot" between words stand for the dot, as people write them to get past filters.
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s*"
    r"(?:@|\(at\)|\[at\]|\{at\}|\[@\]|\(@\)|あっと(?:まーく)?|アット(?:マーク)?)\s*[A-Za-z0-9\-]+"
    r"(?:\s*(?:\.|。|\(dot\)|\[dot\]|どっと|ドット)\s*[A-Za-z0-9\-]+|\s+dot\s+[A-Za-z0-9\-]+)+",
    re.IGNORECASE,
)


def _find_emails(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for match in EMAIL_PATTERN.finditer(text):
        yield match.start(), match.end(), PiiKind.EMAIL


# Profile URLs: links to a person on a social or community service.

SOCIAL_DOMAINS = (
    r"(?:twitter|x|instagram|facebook|fb|tiktok|youtube|line|lin|threads|mixi|ameblo|note|pixiv|"
    r"twitch|discord|discordapp|snapchat|kakao|telegram|t|vk|weibo|reddit|tumblr|linkedin|bsky|mastodon|"
    r"ask|peing|marshmallow-qa|twitcasting|showroom-live|17live|pococha|mirrativ|bigo)"
)
# Link shorteners hide where a link leads, which may be a person's profile.
SHORTENER_HOSTS = (
    r"(?:bit\.ly|tinyurl\.com|goo\.gl|is\.gd|ow\.ly|buff\.ly|rebrand\.ly|cutt\.ly|x\.gd|shorturl\.at|tiny\.cc|"
    r"rb\.gy|lnkd\.in|t\.ly)"
)
# Blog and page hosts that give each user a subdomain: hana22.fc2.com, hana22.hatenablog.com.
USER_SUBDOMAIN_HOSTS = (
    r"(?:blog\.fc2\.com|fc2\.com|hatenablog\.com|hatenablog\.jp|hateblo\.jp|hatenadiary\.com|hatenadiary\.jp|"
    r"tumblr\.com|github\.io|wordpress\.com|blogspot\.com|jugem\.jp|seesaa\.net|exblog\.jp|livedoor\.blog|"
    r"blog\.jp|jimdofree\.com|wixsite\.com)"
)
URL_PATTERN = _compile(
    r"(?:https?://|www\.)[^\s<>\"'「」『』、。]+|"
    rf"\b{SOCIAL_DOMAINS}\.(?:com|me|jp|co\.jp|ee|tv|gg|app|be|social|net|ly)/[^\s<>\"'「」『』、。]+|"
    # The lookbehind starts a bare host only where a run of host characters starts, which keeps "0-0-0-…" linear.
    rf"(?<![a-z0-9\-.])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.{USER_SUBDOMAIN_HOSTS}\b(?:/[^\s<>\"'「」『』、。]*)?",
    re.IGNORECASE,
)
SOCIAL_HOST = _compile(rf"^(?:[a-z0-9\-]+\.)*{SOCIAL_DOMAINS}\.[a-z.]+$", re.IGNORECASE)
SHORTENER_HOST = _compile(rf"^(?:www\.)?{SHORTENER_HOSTS}$", re.IGNORECASE)
# A subdomain other than www or blog in front of a user-subdomain host names the user.
USER_SUBDOMAIN_HOST = _compile(
    rf"^(?!(?:www|blog)\.)[a-z0-9][a-z0-9\-]*\.{USER_SUBDOMAIN_HOSTS}$", re.IGNORECASE
)
# Paths that name a person on any service, including ones the list above does not know.
PROFILE_PATH = _compile(
    r"/@|/~|/(?:u|user|users|profile|profiles|member|members|people|person|account|accounts|mypage|"
    r"ti/p|id|channel|c|add|friend|friends)(?:/|$|\?)|[?&](?:id|uid|user|user_id|userid|member_id|profile_id)=",
    re.IGNORECASE,
)


def _find_profile_urls(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for match in URL_PATTERN.finditer(text):
        url = match.group(0).rstrip(".,;:!?)）]")
        without_scheme = re.sub(r"^https?://", "", url, flags=re.IGNORECASE)
        host, _slash, path = without_scheme.partition("/")
        host = host.split(":")[0].lower()
        path = f"/{path}" if _slash else ""
        on_social_service = bool(SOCIAL_HOST.match(host)) and path.strip("/") != ""
        shortened = bool(SHORTENER_HOST.match(host)) and path.strip("/") != ""
        if on_social_service or shortened or USER_SUBDOMAIN_HOST.match(host) or PROFILE_PATH.search(path):
            yield match.start(), match.start() + len(url), PiiKind.PROFILE_URL


# User IDs and handles: @name, "ID: name", "LINE: name", "name#1234".

SERVICE_LABELS = (
    r"LINE|ライン|らいん|Kakao(?:Talk)?|カカオ(?:トーク)?|かかお|kik|キック|Skype|スカイプ|Discord|ディスコ(?:ード)?|"
    r"Insta(?:gram)?|インスタ(?:グラム)?|いんすた|Twitter|ツイッター|ついったー|TikTok|ティックトック|てぃっくとっく|"
    r"WeChat|Telegram|テレグラム|Snapchat|スナップチャット|Facebook|フェイスブック|Threads|スレッズ|YouTube|ユーチューブ|"
    r"Twitch|ツイキャス|裏垢|サブ垢|本垢|垢"
)
ID_LABELS = (
    r"ID|アイディー?|あいでぃー?|ユーザー?ID|ユーザー?名|ユーザーネーム|user\s?(?:name|id)|username|userid|uid|"
    r"handle|ハンドル(?:ネーム)?|アカウント名?|account(?:\s?name)?"
)
ID_VALUE = r"[A-Za-z0-9][A-Za-z0-9._\-]{2,39}"
ID_ASSIGNMENT = r"\s*(?:[:=]|は|→|->|⇒|＝)\s*[「『\"']?\s*@?"
HANDLE_PATTERNS = [
    # "ID: sakura_01", "LINE ID は sakura01", "ライン→sakura01", "username = sakura".
    _compile(
        rf"(?:(?:{SERVICE_LABELS})\s*(?:の\s*)?(?:{ID_LABELS})?|(?:{ID_LABELS})){ID_ASSIGNMENT}({ID_VALUE})",
        re.IGNORECASE,
    ),
    # "LINE ID sakura_01": a label and a value with only a space between need a value that looks like an
    # ID (letters with digits, an underscore or a dot), so "moved to LINE and" is not a handle.
    _compile(
        rf"(?:(?:{SERVICE_LABELS})\s*(?:{ID_LABELS})?|(?:{ID_LABELS}))\s+@?"
        rf"((?=[A-Za-z0-9._\-]*[A-Za-z])(?=[A-Za-z0-9._\-]*[0-9_.])[A-Za-z0-9][A-Za-z0-9._\-]{{2,39}})",
        re.IGNORECASE,
    ),
    # "her LINE is hana22", "my ig is hana.chan22", "snap: hana22". Short English labels need a word boundary,
    # and after "is" the value must look like an ID, so "LINE is the most used app" is not a handle.
    _compile(
        r"\b(?:LINE|IG|Insta(?:gram)?|Snap(?:chat)?|Kik|Discord|Twitter|TikTok|Kakao)(?:\s+ID)?\s+(?:is|was)\s+@?"
        r"((?=[A-Za-z0-9._\-]*[A-Za-z])(?=[A-Za-z0-9._\-]*[0-9_.])[A-Za-z0-9][A-Za-z0-9._\-]{2,39})",
        re.IGNORECASE,
    ),
    _compile(rf"\b(?:IG|Snap){ID_ASSIGNMENT}({ID_VALUE})", re.IGNORECASE),
]
# An @ and a name with at least one letter or underscore. Digits alone after an @ are a price in Japanese
# writing ("ホ別@2", "@3,000円"), which patterns quote as coded terms.
AT_HANDLE = _compile(
    r"(?<![\w.@])@(?=[A-Za-z0-9_.]*[A-Za-z_])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?(?![\w@])"
)
DISCORD_TAG = _compile(r"(?<![\w#])[A-Za-z0-9_.]{2,32}#\d{4}(?!\d)")


def _find_handles(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for pattern in HANDLE_PATTERNS:
        for match in pattern.finditer(text):
            yield match.start(), match.end(1), PiiKind.HANDLE
    for pattern in (AT_HANDLE, DISCORD_TAG):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), PiiKind.HANDLE


# Postal codes

POSTAL_PATTERNS = [
    _compile(r"〒\s*\d{3}\s*[\-‐−ー]?\s*\d{4}(?!\d)"),
    _compile(rf"(?<![\d\-‐−ー.,/:])\d{{3}}{DASH}\d{{4}}(?![\d\-‐−ー/:])"),
    _compile(
        r"(?:郵便番号|postal\s+code|post\s*code|zip(?:\s+code)?)\s*[:：]?\s*"
        r"(?:\d{3}[\-‐−ー]?\d{4}|\d{5}(?:-\d{4})?)(?!\d)",
        re.IGNORECASE,
    ),
]


def _find_postal_codes(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for pattern in POSTAL_PATTERNS:
        for match in pattern.finditer(text):
            yield match.start(), match.end(), PiiKind.POSTAL_CODE


# Street addresses: a block number (丁目, 番地, 1-2-3) after a place name, or a street in English.

BLOCK_NUMBER = (
    rf"(?:[\d{KANJI_DIGITS}]+丁目(?:\s*\d+(?:番地?|{DASH})?(?:\s*\d+号?)?)?"
    rf"|\d+番地(?:\s*\d+号?)?"
    rf"|\d+番\s*\d+号"
    rf"|\d{{1,4}}{DASH}\d{{1,4}}(?:{DASH}\d{{1,4}})?"
    # 2の11の23: three numbers joined by の, as addresses are read aloud.
    rf"|\d{{1,4}}の\d{{1,4}}の\d{{1,4}})"
)
JA_ADDRESS = _compile(
    # A municipality or district name, then a block number.
    rf"[{KANJI}{KATAKANA}]{{1,12}}?(?:都|道|府|県|市|区|町|村|郡)[{KANJI}{KATAKANA}{HIRAGANA}]{{0,10}}?\s*{BLOCK_NUMBER}"
    # 丁目 and 番地 are addresses even without the place name before them.
    # The lookbehinds start a number only where a run of digits starts, which keeps long runs linear.
    rf"|[{KANJI}{KATAKANA}]{{0,12}}(?<![\d{KANJI_DIGITS}])[\d{KANJI_DIGITS}]+丁目(?:\s*\d+(?:番地?|{DASH})?(?:\s*\d+号?)?)?"
    rf"|[{KANJI}{KATAKANA}]{{0,12}}(?<!\d)\d+番地(?:\s*\d+号?)?"
)
EN_STREET = _compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|"
    r"Drive|Dr\.?|Court|Ct\.?|Place|Pl\.?|Way)(?![A-Za-z])"
)
ROMANIZED_ADDRESS = _compile(
    r"\b\d{1,4}-\d{1,4}(?:-\d{1,4})?,?\s+[A-Z][a-z]+(?:-?(?:chome|cho|machi|ku|shi|gun|mura))?"
    r"(?:,?\s+[A-Z][a-z]+-(?:ku|shi|cho|machi|gun|mura))?\b"
    r"|\b\d{1,2}-?chome\b"
    r"|\b[A-Z][a-z]+-(?:ku|shi|cho|machi|gun|mura),?\s+\d{1,4}-\d{1,4}\b",
)


def _find_addresses(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for pattern in (JA_ADDRESS, EN_STREET, ROMANIZED_ADDRESS):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), PiiKind.ADDRESS


# Birth dates: a date with a month and a day next to words that say it is a birth date.

JA_DATE = (
    r"(?:(?:19|20)\d{2}\s*[年/.\-]\s*|(?:平成|令和|昭和|H|R)\s*\d{1,2}\s*[年/.\-]\s*)?"
    r"\d{1,2}\s*[月/.\-]\s*\d{1,2}\s*日?"
)
MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
EN_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?(?:\s+(?:19|20)\d{{2}})?|{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{{2}})?"
    rf"|(?:19|20)\d{{2}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}/\d{{1,2}}/(?:19|20)?\d{{2}})"
)
BIRTH_PATTERNS = [
    _compile(rf"(?:生年月日|誕生日|生まれ|出生日|バースデー?)\s*(?:は|が|:|：|=)?\s*(?:、\s*)?{JA_DATE}"),
    _compile(rf"{JA_DATE}\s*(?:生まれ|生|誕生|出生)"),
    _compile(
        rf"(?:born(?:\s+on)?|date\s+of\s+birth|birth\s*date|birthday|DOB|D\.O\.B\.)\s*(?:is|was|:)?\s*(?:on\s+)?{EN_DATE}",
        re.IGNORECASE,
    ),
]


def _find_birth_dates(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for pattern in BIRTH_PATTERNS:
        for match in pattern.finditer(text):
            yield match.start(), match.end(), PiiKind.BIRTH_DATE


# School names: a name before 小学校, 中学校, 高校, 学園 and so on, or "X High School".

SCHOOL_WORDS = (
    r"(?:小学校|中学校|高等学校|高等専門学校|中等教育学校|義務教育学校|特別支援学校|高専|高校|中学|小学|学園|学院|"
    r"大学附属|大学付属|附属|付属|大学|幼稚園|保育園|こども園|専門学校)"
)
# Words before a school word that describe a school without naming it: "県立高校", "地元の中学".
GENERIC_SCHOOL_PREFIXES = {
    "私立",
    "公立",
    "国立",
    "県立",
    "都立",
    "府立",
    "道立",
    "市立",
    "区立",
    "町立",
    "村立",
    "同じ",
    "同",
    "別",
    "他",
    "隣",
    "近隣",
    "近所",
    "地元",
    "付近",
    "近く",
    "某",
    "男子",
    "女子",
    "共学",
    "夜間",
    "通信制",
    "定時制",
    "全日制",
    "進学",
    "高等",
    "名門",
    "有名",
    "一貫",
    "中高一貫",
    "小中一貫",
    "都内",
    "県内",
    "市内",
    "府内",
    "道内",
    "区内",
    "町内",
    "村内",
    "管内",
    "近郊",
    "同一",
    "複数",
    "各",
    "全",
    "当該",
    "当",
    "元",
    "前",
    "母校",
    "出身",
    "通う",
    "通っている",
    "女子高",
    "男子高",
    "中",
    "高",
    "小",
    "大",
    "短期",
    "短期大学",
    "私立中",
    "公立中",
    "私立高",
    "公立高",
    "県立高",
    "都立高",
    "一般",
    "普通",
    "被害者の",
    "被害児童の",
    "特定の",
    "ある",
}
JA_SCHOOL = _compile(
    rf"(?P<name>[{KANJI}{KATAKANA}]{{1,14}}|(?<![{HIRAGANA}])[{HIRAGANA}]{{2,6}}|[A-Za-z]{{2,20}})"
    rf"(?P<word>{SCHOOL_WORDS})(?!生|生徒|教育|年|校長|教員|教師|[{KANJI}]*入試)"
)
SCHOOL_MUNICIPAL_PREFIX = _compile(r"^.*?(?:都|道|府|県|市|区|町|村)立")
EN_SCHOOL = _compile(
    r"\b(?P<name>(?:[A-Z][a-z]+\s+){1,4})(?:Elementary|Primary|Junior\s+High|Middle|High|Senior\s+High|Secondary|"
    r"Girls'?|Boys'?)\s+School\b|\b(?P<name2>[A-Z][a-z]+)\s+(?:Academy|Gakuen|Gakuin)\b"
)
GENERIC_ENGLISH_SCHOOL_WORDS = {
    "The",
    "A",
    "An",
    "Local",
    "Public",
    "Private",
    "Prefectural",
    "Municipal",
    "City",
    "National",
    "Her",
    "His",
    "Their",
    "Same",
    "Nearby",
    "Another",
    "One",
    "Junior",
    "Senior",
    "Girls",
    "Boys",
    "Its",
    "This",
    "That",
    "Each",
    "Every",
    "Some",
    "Any",
    "Our",
    "Your",
    "My",
    "A Local",
    "Metropolitan",
}


def _is_generic_school_prefix(name: str) -> bool:
    """Return whether the words before a school word describe a kind of school rather than name one.

    "県立高校" and "某有名私立高校" describe, "桜ヶ丘中学校" and "千代田区立麹町中学校" name. The run is generic when
    it splits entirely into generic words, prefecture names and "<municipality>立".
    """
    if re.fullmatch(r"[ぁ-ん]*[のにでとをはがへもや]", name):
        return True
    name = SCHOOL_MUNICIPAL_PREFIX.sub("", name) if SCHOOL_MUNICIPAL_PREFIX.match(name) else name
    words = GENERIC_SCHOOL_PREFIXES | PREFECTURE_NAMES_JA
    splits = [True] + [False] * len(name)
    for end in range(1, len(name) + 1):
        splits[end] = any(splits[start] and name[start:end] in words for start in range(end))
    return splits[len(name)]


def _find_schools(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for match in JA_SCHOOL.finditer(text):
        name = match.group("name")
        if not _is_generic_school_prefix(name):
            yield match.start(), match.end(), PiiKind.SCHOOL
    for match in EN_SCHOOL.finditer(text):
        name = (match.group("name") or match.group("name2") or "").strip()
        words = name.split()
        if words and not all(word in GENERIC_ENGLISH_SCHOOL_WORDS for word in words):
            yield match.start(), match.end(), PiiKind.SCHOOL


# Personal names


# Each honorific, unless it starts another word: 様子 (state), 氏名 (name field), 君主 (monarch), ちゃんねる.
HONORIFICS = (
    r"(?:さん|さま(?!ざま|よ)|様(?![子式々相])|くん|君(?![主臨])|ちゃん(?!ねる)|氏(?![名族])|殿(?![堂下])|先生|"
    r"容疑者|被告人?|被害者|受刑者)"
)
# Words that take さん or 様 but are not names: roles, relatives, 皆さん, お客様.
NON_NAME_WORDS = {
    "皆",
    "客",
    "母",
    "父",
    "兄",
    "姉",
    "弟",
    "妹",
    "神",
    "王",
    "奥",
    "嬢",
    "彼",
    "同",
    "両",
    "某",
    "各",
    "貴",
    "諸",
    "主",
    "子",
    "孫",
    "娘",
    "息子",
    "嫁",
    "婿",
    "姫",
    "坊",
    "仏",
    "殿",
    "様",
    "お",
    "ご",
    "御",
    "皆々",
    "皆様",
    "店員",
    "運転手",
    "大家",
    "警察官",
    "医者",
    "看護師",
    "先輩",
    "後輩",
    "担任",
    "主人",
    "旦那",
    "彼女",
    "彼氏",
    "相手",
    "加害者",
    "被害者",
    "犯人",
    "本人",
    "友人",
    "知人",
    "隣人",
    "親御",
    "保護者",
    "生徒",
    "児童",
    "学生",
    "女子",
    "男子",
    "大人",
    "社長",
    "部長",
    "課長",
    "係長",
    "店長",
    "局長",
    "署長",
    "会長",
    "議長",
    "委員",
    "担当",
    "担当者",
    "利用者",
    "会員",
    "運営",
    "事務局",
    "警察",
    "県警",
    "府警",
    "道警",
    "警視庁",
    "弁護士",
    "教師",
    "教員",
    "職員",
    "社員",
    "通報者",
    "疲れ",
    "苦労",
    "世話",
    "馳走",
    "互い",
    "陰",
    "友達",
    "友",
    "甥",
    "姪",
    "叔父",
    "叔母",
    "伯父",
    "伯母",
    "祖父",
    "祖母",
    "義母",
    "義父",
    "赤",
    "王子",
    "学校",
    "先方",
    "職場",
    "上司",
    "部下",
    "同僚",
    "新人",
    "少女",
    "少年",
    "女性",
    "男性",
    "女",
    "男",
    "中学生",
    "高校生",
    "小学生",
    "大学生",
    "女子高生",
    "男子高生",
    "女子大生",
    "未成年",
    "年下",
    "年上",
    "同級生",
    "同年代",
    "容疑",
    "被告",
    "閣下",
    "神様",
    "観音",
    "地蔵",
    "仏様",
    "子供",
    "子ども",
    "人",
    "誰",
    "何",
    "方",
    "奥様",
    "各位",
    "業者",
    "事業者",
    "運営者",
    "管理人",
    "管理者",
    "配信者",
    "投稿者",
    "出品者",
    "購入者",
    "落札者",
    "出演者",
    "視聴者",
    "閲覧者",
    "通行人",
    "同氏",
    "両氏",
    "某氏",
    "親",
    "両親",
    "家族",
    "先生",
    "師匠",
    "監督",
    "選手",
    "顧問",
    "代表",
    "社",
    "局",
    "課",
    "班",
    "係",
    "園長",
    "校長",
    "教頭",
    "巡査",
    "刑事",
    "検事",
    "判事",
    "医師",
    "看護",
    "店",
    "屋",
    "組",
    "母親",
    "父親",
    "姉妹",
    "兄弟",
    "他",
    "別",
    "一",
}
NON_NAME_KATAKANA = {
    "パパ",
    "ママ",
    "オーナー",
    "スタッフ",
    "ユーザー",
    "ユーザ",
    "フォロワー",
    "ファン",
    "メンバー",
    "ゲスト",
    "ホスト",
    "モデル",
    "アイドル",
    "ドライバー",
    "ヘルパー",
    "サポーター",
    "カウンセラー",
    "ボランティア",
    "パートナー",
    "リスナー",
    "ライバー",
    "クリエイター",
    "プレイヤー",
    "プレーヤー",
    "トレーナー",
    "マネージャー",
    "コーチ",
    "ナース",
    "ドクター",
    "オジ",
    "オバ",
    "オジサン",
    "オバサン",
    "ガール",
    "ボーイ",
    "キャスト",
    "オペレーター",
    "スカウト",
    "マスター",
    "リーダー",
    "ママ友",
    "パパ友",
    "ネット",
    "サイト",
    "アプリ",
    "チャット",
    "ゲーム",
    "アカウント",
    "サブ",
    "オフ",
    "カレ",
    "カノジョ",
    "カレシ",
    "ダーリン",
    "ハニー",
    "ベビー",
    "キッズ",
}
NON_NAME_HIRAGANA = {
    "みな",
    "みんな",
    "おかあ",
    "おとう",
    "おにい",
    "おねえ",
    "おねぇ",
    "おにぃ",
    "おじ",
    "おば",
    "おじい",
    "おばあ",
    "じい",
    "ばあ",
    "ねえ",
    "にい",
    "かあ",
    "とう",
    "あか",
    "おまわり",
    "おきゃく",
    "おくさ",
    "おつかれ",
    "ごくろう",
    "おせわ",
    "おかげ",
    "おたがい",
    "ごちそう",
    "かみ",
    "おう",
    "おひめ",
    "ぼっ",
    "ぼう",
    "おっ",
    "まま",
    "ぱぱ",
    "おねー",
    "おにー",
    "だれ",
    "どなた",
    "あなた",
    "きみ",
    "ぼく",
    "わたし",
    "おれ",
    "うち",
    "こども",
    "おこさ",
    "おとな",
    "おじょう",
    "むすめ",
    "むすこ",
    "ちゃん",
    "さん",
    "くん",
    "はい",
    "いい",
    "すみま",
    "たく",
    "みなさ",
    "おそ",
    "おこ",
    "あまり",
    "あんまり",
    "しっかり",
    "すごく",
    "もう",
    "まず",
    "ぜひ",
    "なるべく",
    "できるだけ",
    "けっこう",
    "いちおう",
    "やっぱり",
    "やはり",
    "かなり",
    "とても",
    "ちょっ",
}
# Particles that end the words before a name written in hiragana.
HIRAGANA_PARTICLES = "のにでとをはがへもやよねかなだ"
# Initials such as "A子さん" or "Bくん" are how anonymized accounts refer to people, so they pass.
INITIAL = _compile(r"^[A-ZＡ-Ｚa-z][子男郎]?$")

JA_HONORIFIC_NAME = _compile(
    rf"(?P<name>[{KANJI}]{{1,5}}|[{KATAKANA}]{{2,8}}|[{HIRAGANA}]{{2,7}}|[A-Za-z]{{1,15}}[{KANJI}]?)"
    rf"\s?(?P<honorific>{HONORIFICS})"
)
JA_NAME_INTRODUCED = _compile(
    r"(?:名前|本名|氏名|フルネーム|ニックネーム|あだ名|ハンドルネーム|名字|苗字|姓名|下の名前)\s*(?:は|が|を|:|=|：)\s*"
    rf"[「『\"“]?(?P<name>[{KANJI}{KATAKANA}{HIRAGANA}A-Za-z][{KANJI}{KATAKANA}{HIRAGANA}A-Za-z・ ]{{0,15}}?)"
    rf"(?=[」』\"”]|[、。,.!?！？\s]|で|と|だ|です|って|という|$)"
)
JA_NAME_QUOTED = _compile(
    rf"[「『\"“](?P<name>[{KANJI}{KATAKANA}{HIRAGANA}A-Za-z][{KANJI}{KATAKANA}{HIRAGANA}A-Za-z・ ]{{0,15}})[」』\"”]\s*"
    r"(?:と(?:名乗|いう名|呼ば|いう(?:女|男|少女|少年|子|人|生徒|児童))|という名前|って名前|って子)"
)
# Common surnames followed by a given name, as 佐藤花子 or 鈴木 一郎. Surnames that are also place names or
# common words (林, 森, 千葉, 中野) are left out, because they would stop ordinary sentences.
SURNAMES = (
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "渡邊",
    "渡部",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "井上",
    "木村",
    "斎藤",
    "斉藤",
    "齋藤",
    "山崎",
    "阿部",
    "山下",
    "石井",
    "前田",
    "岡田",
    "長谷川",
    "藤田",
    "後藤",
    "近藤",
    "村上",
    "遠藤",
    "青木",
    "坂本",
    "福田",
    "太田",
    "西村",
    "藤井",
    "金子",
    "岡本",
    "原田",
    "中川",
    "松田",
    "竹内",
    "小野",
    "田村",
    "中山",
    "和田",
    "石田",
    "森田",
    "上田",
    "柴田",
    "酒井",
    "工藤",
    "横山",
    "宮本",
    "内田",
    "高木",
    "安藤",
    "島田",
    "谷口",
    "大野",
    "高田",
    "丸山",
    "今井",
    "河野",
    "藤本",
    "村田",
    "武田",
    "杉山",
    "増田",
    "平野",
    "久保",
    "松井",
    "小島",
    "岩崎",
    "桜井",
    "野口",
    "松尾",
    "野村",
    "木下",
    "菊地",
    "佐野",
    "大西",
    "杉本",
    "新井",
    "浜田",
    "菅原",
    "水野",
    "西田",
    "菊池",
    "西川",
    "五十嵐",
    "北村",
    "安田",
    "中田",
    "平田",
    "飯田",
    "吉川",
    "久保田",
    "沢田",
    "吉村",
    "岩田",
    "中西",
    "服部",
    "樋口",
    "川上",
    "永井",
    "松岡",
    "田口",
    "山中",
    "森本",
    "土屋",
    "矢野",
    "広瀬",
    "秋山",
    "石原",
    "大橋",
    "松浦",
    "吉岡",
    "小池",
    "馬場",
    "浅野",
    "荒木",
    "大久保",
    "野田",
    "松村",
    "菅野",
    "中島",
    "小川",
    "藤原",
    "三浦",
    "橋本",
    "池田",
    "清水",
)
SURNAME_NAME = _compile(
    rf"(?<![{KANJI}])(?P<surname>{'|'.join(SURNAMES)})\s?(?P<given>[{KANJI}]{{1,3}}|[{HIRAGANA}]{{2,4}}|[{KATAKANA}]{{2,5}})"
    rf"(?![{KANJI}])"
)
# Words after a surname that make it something else: 佐藤製薬, 山田町, 田中部長 (still a person, kept).
SURNAME_FOLLOWERS_NOT_NAMES = _compile(
    r"^(?:[市区町村郡県駅線]|通り|製|工業|商事|商店|病院|医院|会|家|氏|組|店|屋|社|の|は|が|を|に|で|と|も|へ|や|から|まで|より|さん|くん|ちゃん|様|君)"
)

# A common surname given as the name someone used: 山田と名乗った, 佐藤を名乗る男.
SURNAME_CLAIMED = _compile(rf"(?<![{KANJI}])(?P<name>{'|'.join(SURNAMES)})(?:と|を)名乗")

EN_TITLE_NAME = _compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Officer|Detective)\.?\s+(?P<name>[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+)?)"
)
EN_NAME_INTRODUCED = _compile(
    r"\b(?:(?:real|full|first|last|given|family|user)\s+)?(?:name\s*(?:is|was|:)|named|called|goes\s+by|went\s+by|"
    r"calling\s+(?:himself|herself|themselves)|introduced\s+(?:himself|herself|themselves)\s+as)\s+"
    r"[\"“']?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)",
)
EN_JAPANESE_HONORIFIC = _compile(r"\b[A-Z][a-z]+-(?:san|kun|chan|sama|sensei|shi)\b")
ROMANIZED_SURNAMES = (
    "Sato",
    "Satou",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Ito",
    "Itou",
    "Watanabe",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
    "Katou",
    "Yoshida",
    "Yamada",
    "Sasaki",
    "Inoue",
    "Kimura",
    "Saito",
    "Saitou",
    "Yamazaki",
    "Yamashita",
    "Ishii",
    "Maeda",
    "Okada",
    "Hasegawa",
    "Fujita",
    "Goto",
    "Kondo",
    "Murakami",
    "Endo",
    "Aoki",
    "Sakamoto",
    "Fukuda",
    "Nishimura",
    "Fujii",
    "Kaneko",
    "Okamoto",
    "Harada",
    "Nakagawa",
    "Matsuda",
    "Takeuchi",
    "Tamura",
    "Nakayama",
    "Ishida",
    "Morita",
    "Ueda",
    "Shibata",
    "Sakai",
    "Kudo",
    "Yokoyama",
    "Miyamoto",
    "Uchida",
    "Takagi",
    "Ando",
    "Shimada",
    "Taniguchi",
    "Maruyama",
    "Imai",
    "Kono",
    "Murata",
    "Takeda",
    "Sugiyama",
    "Masuda",
    "Hirano",
    "Matsui",
    "Kojima",
    "Iwasaki",
    "Sakurai",
    "Noguchi",
    "Matsuo",
    "Nomura",
    "Kinoshita",
    "Kikuchi",
    "Nakajima",
    "Ogawa",
    "Fujiwara",
    "Hashimoto",
    "Ikeda",
    "Shimizu",
)
# Surnames are also matched in capitals, as Japanese write them in romanized names: SATO Hanako.
ROMANIZED_SURNAME = "|".join([*ROMANIZED_SURNAMES, *(surname.upper() for surname in ROMANIZED_SURNAMES)])
ROMANIZED_FULL_NAME = _compile(
    rf"\b(?:[A-Z][a-z]{{1,12}}\s+(?:{ROMANIZED_SURNAME})|(?:{ROMANIZED_SURNAME})\s+[A-Z][a-z]{{1,12}})\b"
)
# Capitalised words that follow or precede a surname in ordinary English: "Suzuki Motor", "Mr" is handled above.
ENGLISH_NON_GIVEN_NAMES = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "And",
    "Or",
    "Motor",
    "Motors",
    "Corporation",
    "Inc",
    "Group",
    "Holdings",
    "Bank",
    "Station",
    "City",
    "Ward",
    "Town",
    "Street",
    "Hospital",
    "School",
    "Company",
    "Ltd",
    "From",
    "To",
    "By",
    "With",
    "For",
    "Prefecture",
    "Police",
    "Department",
}


def _find_names(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    yield from _find_japanese_honorific_names(text)
    for pattern in (JA_NAME_INTRODUCED, JA_NAME_QUOTED, EN_NAME_INTRODUCED, SURNAME_CLAIMED):
        for match in pattern.finditer(text):
            name = match.group("name").strip()
            if name and not INITIAL.match(name) and not _is_description_of_name(name):
                yield match.start("name"), match.end("name"), PiiKind.NAME
    for match in EN_TITLE_NAME.finditer(text):
        yield match.start(), match.end(), PiiKind.NAME
    for match in SURNAME_NAME.finditer(text):
        if not SURNAME_FOLLOWERS_NOT_NAMES.match(match.group("given")):
            yield match.start(), match.end(), PiiKind.NAME
    for match in EN_JAPANESE_HONORIFIC.finditer(text):
        yield match.start(), match.end(), PiiKind.NAME
    for match in ROMANIZED_FULL_NAME.finditer(text):
        if not set(match.group(0).split()) & ENGLISH_NON_GIVEN_NAMES:
            yield match.start(), match.end(), PiiKind.NAME


def _find_japanese_honorific_names(text: str) -> Iterator[tuple[int, int, PiiKind]]:
    for match in JA_HONORIFIC_NAME.finditer(text):
        name = match.group("name")
        start = match.start("name")
        if re.fullmatch(f"[{HIRAGANA}]+", name):
            # A hiragana run also contains the particles before the name, so keep what follows the last one.
            cut = max(name.rfind(particle) for particle in HIRAGANA_PARTICLES)
            if cut >= 0:
                start += cut + 1
                name = name[cut + 1 :]
            if (
                len(name) < 2
                or name in NON_NAME_HIRAGANA
                or any(name.endswith(word) for word in NON_NAME_HIRAGANA if len(word) >= 2)
            ):
                continue
        elif re.fullmatch(f"[{KATAKANA}]+", name):
            if name in NON_NAME_KATAKANA or any(name.endswith(word) for word in NON_NAME_KATAKANA):
                continue
        elif re.fullmatch(f"[{KANJI}]+", name):
            if _is_role_word(name):
                continue
        elif INITIAL.match(name) or not re.search(f"[{KANJI}]", name) and len(name) <= 2:
            continue
        if match.group("honorific") in ("容疑者", "被告", "被告人", "被害者", "受刑者") and not re.fullmatch(
            f"[{KANJI}]{{2,5}}|[{KATAKANA}]{{2,8}}", name
        ):
            continue
        yield start, match.end(), PiiKind.NAME


# Words that take the place of a name and withhold it: 名前は不明, 本名は非公開.
NAME_WITHHELD_WORDS = {"不明", "非公開", "匿名", "不詳", "無し", "なし", "秘密", "未記入", "空欄"}


def _is_description_of_name(name: str) -> bool:
    """Return whether the words where a name would stand describe someone rather than name them.

    That is a role (先輩, 女子高生, スカウト), a phrase with の (モデル事務所のスカウト), a word saying that the name
    was withheld, or a verb or adjective: a kanji followed by hiragana, as in 知らない, 教えなかった, 名乗らず.
    """
    if name in NAME_WITHHELD_WORDS or "の" in name:
        return True
    if re.search(f"[{KANJI}][{HIRAGANA}]", name):
        return True
    if _is_role_word(name):
        return True
    return name in NON_NAME_KATAKANA or any(name.endswith(word) for word in NON_NAME_KATAKANA)


def _is_role_word(name: str) -> bool:
    """Return whether a kanji run before an honorific is a role, relative or other non-name word."""
    if name in NON_NAME_WORDS:
        return True
    # "女子生徒さん", "担当の警察官さん": a run ending in a role word of two or more characters is a role.
    return any(len(word) >= 2 and name.endswith(word) for word in NON_NAME_WORDS)


# What passes: look-alikes that anonymized patterns need.

POLICE_DEPARTMENTS = _compile(
    rf"警察庁|警視庁|[{KANJI}]{{1,4}}(?:都|道|府|県)警(?:察)?(?:本部)?|[{KANJI}]{{1,6}}警察署|[{KANJI}]{{1,3}}(?:府警|県警|道警)"
    r"|National\s+Police\s+Agency|Tokyo\s+Metropolitan\s+Police(?:\s+Department)?|"
    r"[A-Z][a-z]+\s+Prefectural\s+Police(?:\s+(?:Headquarters|Department))?|[A-Z][a-z]+\s+Police\s+Station",
)
ALLOWED_PATTERNS = [
    # Age brackets and ages: 16～17歳, 13歳以下, 14-15 years old.
    _compile(
        r"\d{1,2}\s*(?:[~〜～\-‐−ー]|から)\s*\d{1,2}\s*(?:歳|才|years?\s+old)|\d{1,2}\s*(?:歳|才)(?:以下|以上|未満)?"
    ),
    # Years and periods: 2016年, 2016年上半期, FY2016.
    _compile(r"(?:FY)?(?:19|20)\d{2}\s*年(?:度)?"),
    # Counts: 1,652件, 889人.
    _compile(r"(?<![\d,])(?:\d{1,3}(?:,\d{3})+\s*(?:件|人|名|回|団体)?|\d+\s*(?:件|人|名|回|団体))"),
    POLICE_DEPARTMENTS,
    _compile("|".join(sorted((re.escape(name) for name in PREFECTURE_NAMES_JA), key=len, reverse=True))),
    _compile(r"\b(?:" + "|".join(re.escape(name) for name in PREFECTURE_NAMES_EN) + r")(?:\s+Prefecture)?\b"),
]

DETECTORS = (
    _find_emails,
    _find_profile_urls,
    _find_phones,
    _find_postal_codes,
    _find_addresses,
    _find_birth_dates,
    _find_handles,
    _find_schools,
    _find_names,
)
# When two findings overlap, the longer one wins; on equal length, the kind earlier here.
KIND_PRIORITY = {kind: rank for rank, kind in enumerate(PiiKind)}


def find_pii(text: str) -> list[PiiSpan]:
    """Return the personal information found in ``text``, in order, without overlapping spans."""
    if not text:
        return []
    folded, starts, ends = fold(text)
    allowed = _containment_index(_allowed_ranges(folded))
    found = []
    for detector in DETECTORS:
        for start, end, kind in detector(folded):
            start, end = _trim(folded, start, end)
            if end <= start or _inside_allowed(start, end, allowed):
                continue
            found.append((start, end, kind))
    spans = []
    for start, end, kind in _without_overlaps(found):
        original_start, original_end = starts[start], ends[end - 1]
        spans.append(PiiSpan(original_start, original_end, kind, text[original_start:original_end]))
    return spans


# Characters that show nothing, or only decorate the character before them: variation selectors, the
# combining grapheme joiner, the keycap mark of 0️⃣ and the Hangul fillers. Format characters (Unicode
# category Cf: zero-width spaces and joiners, soft hyphens, bidirectional controls) are invisible too.
INVISIBLE_CHARACTERS = frozenset(
    ["\u034f", "\u115f", "\u1160", "\u20e3", "\u3164", "\uffa0"]
    + [chr(code) for code in range(0xFE00, 0xFE10)]
    + [chr(code) for code in range(0xE0100, 0xE01F0)]
)


def is_invisible(character: str) -> bool:
    return character in INVISIBLE_CHARACTERS or unicodedata.category(character) == "Cf"


def fold(text: str) -> tuple[str, list[int], list[int]]:
    """Fold ``text`` with NFKC, one character at a time, and map each folded character to its source.

    Returns the folded text and, for each of its characters, the start and end offsets in ``text`` of the
    character it came from. Half-width katakana with a separate voiced mark (ｶﾞ) fold into one character.
    Invisible characters are dropped, so that ``090<zero-width space>1234…`` reads as the number it shows.
    """
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, character in enumerate(text):
        if is_invisible(character):
            continue
        normalized = unicodedata.normalize("NFKC", character)
        if normalized in ("\u3099", "\u309a") and folded:
            composed = unicodedata.normalize("NFC", folded[-1] + normalized)
            if len(composed) == 1:
                folded[-1] = composed
                ends[-1] = index + 1
                continue
        for piece in normalized:
            folded.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return "".join(folded), starts, ends


def _allowed_ranges(text: str) -> list[tuple[int, int]]:
    return sorted(match.span() for pattern in ALLOWED_PATTERNS for match in pattern.finditer(text))


def _containment_index(allowed: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Return the starts of ``allowed`` (sorted) and the largest end among the ranges up to each one."""
    starts, reach, largest = [], [], -1
    for start, end in allowed:
        largest = max(largest, end)
        starts.append(start)
        reach.append(largest)
    return starts, reach


def _inside_allowed(start: int, end: int, index: tuple[list[int], list[int]]) -> bool:
    starts, reach = index
    position = bisect.bisect_right(starts, start)
    return position > 0 and reach[position - 1] >= end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\r\n、。,.":
        end -= 1
    return start, end


def _without_overlaps(found: list[tuple[int, int, PiiKind]]) -> list[tuple[int, int, PiiKind]]:
    """Keep the longest of overlapping findings (on equal length, the kind earlier in ``PiiKind``)."""
    ranked = sorted(found, key=lambda item: (-(item[1] - item[0]), KIND_PRIORITY[item[2]], item[0]))
    kept_starts: list[int] = []
    kept: list[tuple[int, int, PiiKind]] = []
    for start, end, kind in ranked:
        position = bisect.bisect_left(kept_starts, start)
        overlaps_next = position < len(kept) and kept[position][0] < end
        overlaps_previous = position > 0 and kept[position - 1][1] > start
        if not (overlaps_next or overlaps_previous):
            kept_starts.insert(position, start)
            kept.insert(position, (start, end, kind))
    return kept
