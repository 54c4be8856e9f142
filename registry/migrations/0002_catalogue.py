"""Seed the site types and the measure catalogue with the facts of the 2016 NPA report on community sites.

The texts are the portal's own wording. Running the migration again updates names and descriptions by code
and leaves records the secretariat added alone.
"""

from django.db import migrations

SITE_TYPES = [
    ("chat", "チャット系", "Chat", "見知らぬ利用者同士がリアルタイムで会話する場を提供するサイト・アプリ。", "Sites and apps where strangers talk with each other in real time."),
    ("multiple_interaction", "複数交流系", "Multiple interaction", "広く情報を発信し、多数の「友達」と同時に交流するサイト・アプリ。", "Sites and apps for broadcasting to a wide audience and interacting with many friends at once."),
    ("id_exchange", "ID・QRコード交換系", "ID and QR code exchange", "利用者IDを交換して連絡を取り合うためのサイト・アプリ。", "Sites and apps where users meet by exchanging their IDs or QR codes."),
    ("blog_board", "ブログ・掲示板系", "Blogs and discussion boards", "趣味や話題ごとの書き込みや日記を通じて閲覧者と交流するサイト。", "Sites where users post on hobbies or topics, keep diaries and interact with readers."),
    ("video", "動画投稿・配信系", "Video posting and streaming", "動画・画像・音声を投稿・配信し、視聴者と交流するサイト・アプリ。", "Sites and apps for posting or streaming video, images and audio and interacting with viewers."),
    ("random_matching", "ランダムマッチング系", "Random matching", "無作為に選ばれた利用者同士をつなげるサイト・アプリ。", "Sites and apps that connect randomly chosen users."),
    ("game_avatar", "ゲーム・アバター系", "Games and avatars", "オンラインゲームのキャラクターやアバターとして交流するサイト・アプリ。", "Sites and apps where users interact as game characters or avatars."),
    ("other", "その他・不明", "Other or unknown", "上記に当てはまらないもの、またはサイト・アプリが特定できないもの。", "Anything not listed above, or a site or app that could not be identified."),
]

MESSAGING = ["chat", "multiple_interaction", "id_exchange", "random_matching", "game_avatar"]
POSTING = ["multiple_interaction", "blog_board", "video", "game_avatar"]

# code, Japanese name, English name, Japanese description, English description, site type codes (empty: all)
MEASURES = [
    ("post_monitoring_after", "投稿の監視（事後）", "Monitoring of posts after publication", "公開された投稿を確認し、不適切な書き込みを削除する。", "Published posts are checked and inappropriate ones removed.", POSTING),
    ("post_monitoring_before", "投稿の監視（事前）", "Monitoring of posts before publication", "不適切な書き込みを公開前に確認し、掲載させない。", "Inappropriate posts are caught before they are published.", POSTING),
    ("message_monitoring", "ミニメール（メッセージ）の監視", "Monitoring of direct messages", "利用者同士のメッセージの内容を確認し、不適切なものを止める。", "Messages between users are checked and inappropriate ones stopped.", MESSAGING),
    ("internet_zoning", "年齢情報を活用したインターネット・ゾーニング", "Internet zoning with carrier age data", "携帯電話事業者から得た年齢情報により、18歳未満の利用者が使える機能や交流相手を制限する。", "Age data from mobile carriers limits which functions and contacts under-18 users can reach.", []),
    ("age_verification", "年齢確認", "Age verification", "利用者の年齢を確認し、確認できない利用者を18歳未満と同じ扱いにする。", "Users' ages are verified; users who are not verified are treated like under-18 users.", []),
    ("id_search_restriction", "18歳未満のID検索の制限", "ID search restricted for and towards under-18 users", "18歳未満の利用者によるID検索と、18歳未満の利用者のIDを検索されることの両方を無効にする。", "Under-18 users cannot search for IDs, and their IDs cannot be found by search.", ["id_exchange", "chat", "multiple_interaction"]),
    ("age_gap_message_block", "年齢差のある利用者からのメッセージ制限", "Messages blocked from users more than three years older", "18歳未満の利用者と3歳を超えて年上の利用者との間のメッセージを制限する。", "Messages between under-18 users and users more than three years older are blocked.", MESSAGING),
    ("keyword_screening", "キーワードによるシステム検知", "Keyword screening", "勧誘に使われる語句をシステムで検知し、確認に回す。", "Terms used to solicit are detected automatically and passed for review.", []),
    ("round_the_clock_patrol", "24時間体制の監視", "Round-the-clock patrol", "担当者が昼夜を問わずサービス内を巡回する。", "Staff patrol the service day and night.", []),
    ("ml_screening", "機械学習による検知", "Machine-learning screening", "機械学習で不適切な投稿やメッセージの可能性を判定し、確認に回す。", "Machine learning flags posts and messages that are likely inappropriate for review.", []),
    ("filtering_cooperation", "フィルタリングとの連携", "Cooperation with filtering", "フィルタリング事業者と連携し、青少年の利用環境に合わせた設定を提供する。", "The service works with filtering providers so that settings for young users take effect.", []),
    ("whistleblowing_form", "通報窓口の設置", "Whistleblowing form", "利用者や第三者が不適切な投稿を通報できる窓口を設ける。", "Users and others can report inappropriate posts through a form.", []),
    ("published_report_totals", "通報件数の公表", "Published report totals", "受け付けた通報と対応の件数を定期的に公表する。", "The numbers of reports received and handled are published regularly.", []),
    ("awareness_talks", "啓発活動", "Awareness talks", "学校や保護者向けに安全な利用についての講演や教材提供を行う。", "Talks and material on safe use are offered to schools and guardians.", []),
]


def seed(apps, schema_editor):
    SiteType = apps.get_model("registry", "SiteType")
    Measure = apps.get_model("registry", "Measure")
    site_types = {}
    for order, (code, name_ja, name_en, description_ja, description_en) in enumerate(SITE_TYPES, start=1):
        site_types[code], _created = SiteType.objects.update_or_create(
            code=code,
            defaults={
                "name_ja": name_ja,
                "name_en": name_en,
                "description_ja": description_ja,
                "description_en": description_en,
                "sort_order": order * 10,
            },
        )
    for order, (code, name_ja, name_en, description_ja, description_en, types) in enumerate(MEASURES, start=1):
        measure, _created = Measure.objects.update_or_create(
            code=code,
            defaults={
                "name_ja": name_ja,
                "name_en": name_en,
                "description_ja": description_ja,
                "description_en": description_en,
                "sort_order": order * 10,
            },
        )
        measure.site_types.set([site_types[type_code] for type_code in types])


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
