"""The PII guard on a table of personal information and of look-alikes that anonymized patterns need."""

import pytest

from incidents.pii import PiiKind, find_pii

PHONE = PiiKind.PHONE
EMAIL = PiiKind.EMAIL
HANDLE = PiiKind.HANDLE
URL = PiiKind.PROFILE_URL
POSTAL = PiiKind.POSTAL_CODE
ADDRESS = PiiKind.ADDRESS
NAME = PiiKind.NAME
SCHOOL = PiiKind.SCHOOL
BIRTH = PiiKind.BIRTH_DATE

# (text, [(text of the span, kind), …])
FOUND = [
    # Phone numbers
    ("連絡先は090-1234-5678です", [("090-1234-5678", PHONE)]),
    ("電話 ０９０ー１２３４ー５６７８ まで", [("０９０ー１２３４ー５６７８", PHONE)]),
    ("携帯09012345678に連絡", [("09012345678", PHONE)]),
    ("+81 90 1234 5678", [("+81 90 1234 5678", PHONE)]),
    ("Call (03) 1234-5678 after school", [("(03) 1234-5678", PHONE)]),
    ("〇九〇‐一二三四‐五六七八に電話して", [("〇九〇‐一二三四‐五六七八", PHONE)]),
    ("text me on +1 415 555 0134", [("+1 415 555 0134", PHONE)]),
    ("TEL09012345678に連絡", [("09012345678", PHONE)]),
    ("℡090-1234-5678", [("090-1234-5678", PHONE)]),
    ("連絡先は090/1234/5678", [("090/1234/5678", PHONE)]),
    ("連絡先は090_1234_5678", [("090_1234_5678", PHONE)]),
    ("電話は090 - 1234 - 5678", [("090 - 1234 - 5678", PHONE)]),
    ("電話は零九零一二三四五六七八", [("零九零一二三四五六七八", PHONE)]),
    # Email addresses
    ("メールは sato.hanako@example.jp まで", [("sato.hanako@example.jp", EMAIL)]),
    ("ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐに送った", [("ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ", EMAIL)]),
    ("write to taro (at) example (dot) com", [("taro (at) example (dot) com", EMAIL)]),
    ("メールは hana@gmail。com", [("hana@gmail。com", EMAIL)]),
    ("メールは hana[@]example.com", [("hana[@]example.com", EMAIL)]),
    ("hanaアットマークgmail.com に送る", [("hanaアットマークgmail.com", EMAIL)]),
    ("write to hana@gmail dot com", [("hana@gmail dot com", EMAIL)]),
    # User IDs and handles
    ("ID:sakura_01で検索して", [("ID:sakura_01", HANDLE)]),
    ("ＩＤ：ｓａｋｕｒａ０１", [("ＩＤ：ｓａｋｕｒａ０１", HANDLE)]),
    ("LINE ID は sakura01 です", [("LINE ID は sakura01", HANDLE)]),
    ("ライン→yuki_chan22", [("ライン→yuki_chan22", HANDLE)]),
    ("LINEのIDはhana1234", [("LINEのIDはhana1234", HANDLE)]),
    ("カカオ: kk_hime に追加", [("カカオ: kk_hime", HANDLE)]),
    ("連絡は@sakura_0101へ", [("@sakura_0101", HANDLE)]),
    ("ｱｶｳﾝﾄは＠ｍｉｋｉ＿２２", [("ｱｶｳﾝﾄは＠ｍｉｋｉ＿２２", HANDLE)]),
    ("his username: coolguy99", [("username: coolguy99", HANDLE)]),
    ("add me on Discord, nightowl#4821", [("nightowl#4821", HANDLE)]),
    ("LINE ID aya_0505 was shared", [("LINE ID aya_0505", HANDLE)]),
    ("her LINE is hana22", [("LINE is hana22", HANDLE)]),
    ("my ig is hana.chan22", [("ig is hana.chan22", HANDLE)]),
    ("add me on snap: hana22", [("snap: hana22", HANDLE)]),
    # Profile URLs
    ("https://twitter.com/sakura_0101 を見て", [("https://twitter.com/sakura_0101", URL)]),
    ("instagram.com/hana.chan にDM", [("instagram.com/hana.chan", URL)]),
    ("https://line.me/ti/p/abcdEFG", [("https://line.me/ti/p/abcdEFG", URL)]),
    ("profile at https://chat.example.com/users/12345.", [("https://chat.example.com/users/12345", URL)]),
    ("https://bit.ly/3abcd を送ってきた", [("https://bit.ly/3abcd", URL)]),
    ("hana22.fc2.com の日記", [("hana22.fc2.com", URL)]),
    ("https://hana22.hatenablog.com/entry/1", [("https://hana22.hatenablog.com/entry/1", URL)]),
    # Postal codes and street addresses
    ("〒150-0043に住む", [("〒150-0043", POSTAL)]),
    ("郵便番号1500043", [("郵便番号1500043", POSTAL)]),
    ("ZIP code 94103-1234", [("ZIP code 94103-1234", POSTAL)]),
    ("東京都渋谷区道玄坂1-2-3のマンション", [("東京都渋谷区道玄坂1-2-3", ADDRESS)]),
    ("港区六本木3丁目4番5号", [("港区六本木3丁目4番5号", ADDRESS)]),
    ("道玄坂二丁目で待ち合わせ", [("道玄坂二丁目", ADDRESS)]),
    ("met at 1-2-3 Dogenzaka, Shibuya-ku", [("1-2-3 Dogenzaka, Shibuya-ku", ADDRESS)]),
    ("lives at 221 Baker Street", [("221 Baker Street", ADDRESS)]),
    ("世田谷区三軒茶屋2の11の23に住む", [("世田谷区三軒茶屋2の11の23", ADDRESS)]),
    # Personal names
    ("佐藤花子さんが相談した", [("佐藤花子さん", NAME)]),
    ("田中氏によると", [("田中氏", NAME)]),
    ("ユウキくんと会う約束", [("ユウキくん", NAME)]),
    ("ｻｸﾗちゃんに連絡", [("ｻｸﾗちゃん", NAME)]),
    ("ゆいちゃんに連絡", [("ゆいちゃん", NAME)]),
    ("しおりちゃんと遊ぶ約束", [("しおりちゃん", NAME)]),
    ("名前は山田太郎と名乗った", [("山田太郎", NAME)]),
    ("「ゆうと」と名乗る男", [("ゆうと", NAME)]),
    ("鈴木一郎が送信した", [("鈴木一郎", NAME)]),
    ("Mr. Tanaka said", [("Mr. Tanaka", NAME)]),
    ("Ms. Emily Clark wrote", [("Ms. Emily Clark", NAME)]),
    ("her name is Aiko", [("Aiko", NAME)]),
    ("Hanako Sato met him", [("Hanako Sato", NAME)]),
    ("Yuki-chan was invited", [("Yuki-chan", NAME)]),
    ("SATO Hanako wrote", [("SATO Hanako", NAME)]),
    ("Hanako SATO wrote", [("Hanako SATO", NAME)]),
    ("犯人は山田と名乗った", [("山田", NAME)]),
    ("佐藤を名乗る男", [("佐藤", NAME)]),
    # School names
    ("桜ヶ丘中学校の生徒", [("桜ヶ丘中学校", SCHOOL)]),
    ("さくら小学校に通う", [("さくら小学校", SCHOOL)]),
    ("千代田区立麹町中学校", [("千代田区立麹町中学校", SCHOOL)]),
    ("a Sakura High School student", [("Sakura High School", SCHOOL)]),
    # Birth dates
    ("生年月日は2003年4月5日", [("生年月日は2003年4月5日", BIRTH)]),
    ("2004年5月6日生まれ", [("2004年5月6日生まれ", BIRTH)]),
    ("誕生日は4月5日", [("誕生日は4月5日", BIRTH)]),
    ("born on 5 April 2003", [("born on 5 April 2003", BIRTH)]),
    ("DOB: 2003-04-05", [("DOB: 2003-04-05", BIRTH)]),
    # Invisible characters between the visible ones: zero-width space, soft hyphen, word joiner, zero-width
    # joiner, a variation selector and keycap digits as chat apps show them.
    ("電話は090\u200b1234\u200b5678", [("090\u200b1234\u200b5678", PHONE)]),
    ("電話は0\u00ad9\u00ad0-1234-5678", [("0\u00ad9\u00ad0-1234-5678", PHONE)]),
    ("ID:\u2060sakura01", [("ID:\u2060sakura01", HANDLE)]),
    ("hana@exam\u200dple.com", [("hana@exam\u200dple.com", EMAIL)]),
    ("〒150\ufe0f-0043", [("〒150\ufe0f-0043", POSTAL)]),
    (
        "0\ufe0f\u20e39\ufe0f\u20e30\ufe0f\u20e3-1234-5678",
        [("0\ufe0f\u20e39\ufe0f\u20e30\ufe0f\u20e3-1234-5678", PHONE)],
    ),
    # Several kinds in one text
    (
        "佐藤さんの番号090-1111-2222とID:hana_77",
        [("佐藤さん", NAME), ("090-1111-2222", PHONE), ("ID:hana_77", HANDLE)],
    ),
]

PASSED = [
    # Age brackets, years, counts, periods
    "16～17歳の女子が多い",
    "13歳以下の被害もある",
    "14-15 years old",
    "2016年に増加した",
    "1,652件の被害",
    "889人が被害に遭った",
    "2016年4月1日から6月30日まで",
    "2016-04-01 to 2016-06-30",
    "第1四半期（1～3月）",
    "13:00〜15:00に集中",
    "時給3,000円を提示",
    "ホ別2.5と書き込む",
    # Prefectures and police departments
    "東京都内で発生",
    "東京都、神奈川県、千葉県で確認",
    "大阪府警が検挙",
    "警視庁サイバー犯罪対策課",
    "神奈川県警察本部と渋谷警察署",
    "Chiba Prefectural Police and the National Police Agency",
    "中村区の事案",
    # Honorifics on ordinary words, and initials
    "A子さんとB君",
    "被害者さんの保護",
    "お母さんに相談",
    "皆さんへ",
    "お客様の声",
    "ちゃんと確認する",
    "5ちゃんねるの書き込み",
    "彼氏になると言って近づいた",
    "氏名欄は空白",
    "様子を見る",
    "運営スタッフさんへ",
    "警察官さんに相談",
    "パパさんと呼ぶ",
    # Schools and services without a name
    "中学校の生徒",
    "県立高校に通う",
    "地元の中学",
    "高校生が被害に遭った",
    "女子高校生を装う",
    "某有名私立高校の制服",
    "a high school student",
    "ID検索を無効にする",
    "ID交換掲示板から移動",
    "moved to LINE and then met",
    "Twitter was the largest source",
    "https://www.npa.go.jp/cyber/statistics",
    "年齢確認済みユーザーだけが使える",
    "3歳以上年上の利用者からのメッセージを遮断",
    "#家出少女 で検索",
    "iPhone 7で撮影",
    # Date ranges and prices that the phone and handle rules must not mistake for personal information
    "2016/01/01-2016/06/30",
    "01/02/2016",
    "ホ別@2で募集",
    "@1.5と書き込む",
    "料金は@3,000円",
    "LINE is the most used app",
    # Words after 名前は or 本名 that describe the name instead of giving it, and roles that offenders claim
    "名前は知らない",
    "本名は不明",
    "名前は教えなかった",
    "本名を名乗らず",
    "名前を聞かれた",
    "「モデル事務所のスカウト」と名乗る",
    "「女子高生」と名乗る",
    "女子高生と名乗る",
    "高等専門学校の学生",
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[text for text, _expected in FOUND])
def test_personal_information_found(text, expected):
    spans = find_pii(text)

    assert [(span.text, span.kind) for span in spans] == expected


@pytest.mark.parametrize("text", PASSED)
def test_look_alike_passes(text):
    assert find_pii(text) == []


def test_span_offsets_index_original_text():
    text = "電話は０９０ー１２３４ー５６７８です"

    span = find_pii(text)[0]

    assert text[span.start : span.end] == "０９０ー１２３４ー５６７８"


def test_empty_text_has_no_spans():
    assert find_pii("") == []


def test_table_is_large_enough():
    assert len(FOUND) + len(PASSED) >= 50
