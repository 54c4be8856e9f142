"""Texts of the demo guidelines, in Japanese and English.

The facts (who introduced which measure and when) come from the National Police Agency's 2016 report on
children harmed through community sites. The wording is the portal's own. Each guideline has two versions in
force one after the other, and the zoning guideline also has a draft under consultation.
"""

from datetime import date

TOPICS = [
    # slug, Japanese name, English name
    ("monitoring", "監視と巡回", "Monitoring and patrol"),
    ("age-restrictions", "年齢に応じた制限", "Age-based restrictions"),
    ("reporting", "通報と連携", "Reporting and cooperation"),
]


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


MESSAGE_MONITORING = {
    "slug": "message-monitoring",
    "topics": ["monitoring"],
    "measures": ["message_monitoring", "keyword_screening"],
    "versions": [
        {
            "label": "1.0",
            "major": True,
            "effective": date(2017, 4, 1),
            "ja": {
                "title": "ミニメール（メッセージ）の監視に関する指針",
                "summary": "利用者同士が非公開でやり取りするミニメールは、子どもを狙う大人が最初に接触する経路になりやすい。事業者が内容を確認する体制と手順を定める。",
                "note": "",
                "sections": [
                    (
                        "background",
                        "背景",
                        _p(
                            "大手のSNS事業者は、2007年（DeNA）と2010年（GREE）からミニメールの内容確認を始めた。",
                            "両社のサイトでは、その後しばらく被害児童の数が増えなくなった。非公開のやり取りを確認することが、悪意のある大人を遠ざける有効な手段であることを示している。",
                        ),
                    ),
                    (
                        "scope",
                        "対象となるサービス",
                        _p(
                            "利用者が他の利用者に、第三者から見えないメッセージを送ることのできるすべてのサービスを対象とする。"
                        ),
                    ),
                    (
                        "method",
                        "確認の方法",
                        _p(
                            "勧誘に使われる語句をシステムで検知し、該当したメッセージを担当者が目視で確認する。",
                            "確認の結果、児童を勧誘するメッセージと判断したものは送信を止め、送信者の利用を停止する。",
                        ),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on monitoring direct messages",
                "summary": "Private messages between users are a common first route for adults who target children. This guideline sets out how operators check their content.",
                "note": "",
                "sections": [
                    (
                        "background",
                        "Background",
                        _p(
                            "Large social network operators began checking the content of direct messages in 2007 (DeNA) and 2010 (GREE).",
                            "The number of child victims on their sites then stopped growing for a time, which shows that checking private exchanges keeps ill-intentioned adults away.",
                        ),
                    ),
                    (
                        "scope",
                        "Services covered",
                        _p(
                            "Every service on which users can send each other messages that third parties cannot see."
                        ),
                    ),
                    (
                        "method",
                        "How messages are checked",
                        _p(
                            "A system detects terms used to solicit children, and staff read the messages it flags.",
                            "Messages found to solicit a child are stopped and their sender's account is suspended.",
                        ),
                    ),
                ],
            },
        },
        {
            "label": "2.0",
            "major": True,
            "effective": date(2019, 10, 1),
            "ja": {
                "title": "ミニメール（メッセージ）の監視に関する指針",
                "summary": "利用者同士が非公開でやり取りするミニメールは、子どもを狙う大人が最初に接触する経路になりやすい。事業者が内容を確認する体制と手順を定める。",
                "note": "送信前の確認を新たに定め、確認の方法に記録の保存期間を加えた。",
                "sections": [
                    ("background", "背景", None),
                    ("scope", "対象となるサービス", None),
                    (
                        "method",
                        "確認の方法",
                        _p(
                            "勧誘に使われる語句をシステムで検知し、該当したメッセージを担当者が目視で確認する。",
                            "確認の結果、児童を勧誘するメッセージと判断したものは送信を止め、送信者の利用を停止する。",
                            "確認の記録は、警察からの照会に応じられるよう、少なくとも1年間保存する。",
                        ),
                    ),
                    (
                        "before-sending",
                        "送信前の確認",
                        _p(
                            "GREEは2011年から、不適切な語句を含むメッセージを相手に届く前に取り除く方式に改めた。",
                            "事業者は、届いた後に削除するだけでなく、送信前に確認する仕組みを設けることが望ましい。",
                        ),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on monitoring direct messages",
                "summary": "Private messages between users are a common first route for adults who target children. This guideline sets out how operators check their content.",
                "note": "Adds checking before delivery, and a retention period for the records of checks.",
                "sections": [
                    ("background", "Background", None),
                    ("scope", "Services covered", None),
                    (
                        "method",
                        "How messages are checked",
                        _p(
                            "A system detects terms used to solicit children, and staff read the messages it flags.",
                            "Messages found to solicit a child are stopped and their sender's account is suspended.",
                            "Records of the checks are kept for at least one year, so that operators can answer police enquiries.",
                        ),
                    ),
                    (
                        "before-sending",
                        "Checking before delivery",
                        _p(
                            "From 2011, GREE removed inappropriate wording from messages before they reached the recipient.",
                            "Operators should check messages before delivery, not only delete them afterwards.",
                        ),
                    ),
                ],
            },
        },
    ],
    "comments": [
        {
            "version": "1.0",
            "section": "method",
            "author": "operator@example.jp",
            "status": "answered",
            "ja": "目視で確認する件数が多く、夜間は対応が遅れます。検知した件数の何割を目視すればよいか、目安を示していただけますか。",
            "en": "Staff cannot read every flagged message at night. Could the guideline say what share of flagged messages must be read by a person?",
            "replies": [
                {
                    "author": "secretariat@example.jp",
                    "ja": "割合ではなく、勧誘の疑いが強い語句を含むものを優先して全件確認することを求めています。次の版で記録の保存についても定めます。",
                    "en": "The guideline asks for every message with strongly suspicious terms to be read first, rather than a share. The next version also covers keeping records.",
                }
            ],
        },
        {
            "version": "2.0",
            "section": "before-sending",
            "author": "carrier@example.jp",
            "status": "open",
            "ja": "送信前の確認で配信が遅れる場合、利用者にどのように知らせるべきでしょうか。",
            "en": "If checking before delivery delays a message, how should the users be told?",
            "replies": [],
        },
    ],
}

INTERNET_ZONING = {
    "slug": "internet-zoning",
    "topics": ["age-restrictions"],
    "measures": ["internet_zoning", "age_verification"],
    "versions": [
        {
            "label": "1.0",
            "major": True,
            "effective": date(2017, 4, 1),
            "ja": {
                "title": "年齢情報を活用したインターネット・ゾーニングに関する指針",
                "summary": "携帯電話事業者から得た利用者の年齢情報により、18歳未満の利用者と大人の利用者の交流を区分する方法を定める。",
                "note": "",
                "sections": [
                    (
                        "background",
                        "背景",
                        _p(
                            "GREEは2010年、DeNAは2011年、LINEは2012年に、携帯電話事業者から取得した年齢情報によるゾーニングを導入した。",
                            "いずれのサービスでも、導入後に被害児童数の増加が抑えられた。",
                        ),
                    ),
                    (
                        "age-data",
                        "年齢情報の取得",
                        _p(
                            "利用者の同意を得て、携帯電話事業者が保有する契約者の年齢情報を取得する。",
                            "取得した情報は区分の判定にだけ用い、他の目的に使わない。",
                        ),
                    ),
                    (
                        "zones",
                        "区分の設定",
                        _p(
                            "18歳未満の利用者は、大人の利用者から検索されず、メッセージを受け取らないように設定する。",
                            "区分の境界となる年齢は、サービスの内容と利用者の年齢層に合わせて定める。",
                        ),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on internet zoning with carrier age data",
                "summary": "How operators use age data from mobile carriers to keep under-18 users and adult users apart.",
                "note": "",
                "sections": [
                    (
                        "background",
                        "Background",
                        _p(
                            "GREE in 2010, DeNA in 2011 and LINE in 2012 introduced zoning based on age data obtained from mobile carriers.",
                            "On each of these services the number of child victims stopped rising after zoning began.",
                        ),
                    ),
                    (
                        "age-data",
                        "Obtaining age data",
                        _p(
                            "With the user's consent, the operator obtains the subscriber's age held by the mobile carrier.",
                            "The data serves only to decide the user's zone and is used for nothing else.",
                        ),
                    ),
                    (
                        "zones",
                        "Setting the zones",
                        _p(
                            "Under-18 users cannot be found by adult users and do not receive their messages.",
                            "The age at which the zones divide suits the service and the ages of its users.",
                        ),
                    ),
                ],
            },
        },
        {
            "label": "2.0",
            "major": True,
            "effective": date(2020, 4, 1),
            "ja": {
                "title": "年齢情報を活用したインターネット・ゾーニングに関する指針",
                "summary": "携帯電話事業者から得た利用者の年齢情報により、18歳未満の利用者と大人の利用者の交流を区分する方法を定める。",
                "note": "年齢確認を済ませていない利用者の扱いを定めた。",
                "sections": [
                    ("background", "背景", None),
                    ("age-data", "年齢情報の取得", None),
                    ("zones", "区分の設定", None),
                    (
                        "unverified",
                        "年齢確認を済ませていない利用者",
                        _p(
                            "年齢確認を済ませていない利用者は、18歳未満の利用者と同じ区分に置く。",
                            "Wi-Fiだけで利用する端末など、携帯電話事業者の年齢情報が得られない利用者には、別の方法による年齢確認を案内する。",
                        ),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on internet zoning with carrier age data",
                "summary": "How operators use age data from mobile carriers to keep under-18 users and adult users apart.",
                "note": "Sets out how to treat users who have not verified their age.",
                "sections": [
                    ("background", "Background", None),
                    ("age-data", "Obtaining age data", None),
                    ("zones", "Setting the zones", None),
                    (
                        "unverified",
                        "Users without age verification",
                        _p(
                            "Users who have not verified their age are placed in the same zone as under-18 users.",
                            "Users for whom no carrier age data exists, such as those on Wi-Fi-only devices, are offered another way to verify their age.",
                        ),
                    ),
                ],
            },
        },
    ],
    "consultation": {
        "label": "3.0-draft",
        "closes_in_days": 21,
        "ja": {
            "title": "年齢情報を活用したインターネット・ゾーニングに関する指針",
            "summary": "携帯電話事業者から得た利用者の年齢情報により、18歳未満の利用者と大人の利用者の交流を区分する方法を定める。",
            "note": "年齢確認の扱いを年齢情報の取得にまとめ、費用を抑えた共同利用の方法を加える案。",
            "sections": [
                ("background", "背景", None),
                (
                    "age-data",
                    "年齢情報の取得と年齢確認",
                    _p(
                        "利用者の同意を得て、携帯電話事業者が保有する契約者の年齢情報を取得する。",
                        "取得した情報は区分の判定にだけ用い、他の目的に使わない。",
                        "年齢情報が得られず、年齢確認も済ませていない利用者は、18歳未満の利用者と同じ区分に置く。",
                    ),
                ),
                ("zones", "区分の設定", None),
                (
                    "shared-costs",
                    "年齢情報の共同利用",
                    _p(
                        "年齢情報の取得は費用がかかり、中小の事業者には導入が難しい。",
                        "協議会を通じて携帯電話事業者との接続を共同で行い、一事業者あたりの費用を抑える。",
                    ),
                ),
            ],
        },
        "en": {
            "title": "Guideline on internet zoning with carrier age data",
            "summary": "How operators use age data from mobile carriers to keep under-18 users and adult users apart.",
            "note": "Draft that folds age verification into obtaining age data and adds a cheaper, shared way to obtain it.",
            "sections": [
                ("background", "Background", None),
                (
                    "age-data",
                    "Obtaining age data and verifying age",
                    _p(
                        "With the user's consent, the operator obtains the subscriber's age held by the mobile carrier.",
                        "The data serves only to decide the user's zone and is used for nothing else.",
                        "Users without carrier age data who have not verified their age are placed in the same zone as under-18 users.",
                    ),
                ),
                ("zones", "Setting the zones", None),
                (
                    "shared-costs",
                    "Sharing the cost of age data",
                    _p(
                        "Obtaining age data is expensive, which keeps smaller operators from zoning.",
                        "Operators connect to the mobile carriers together through the conference, so each pays less.",
                    ),
                ),
            ],
        },
    },
    "comments": [
        {
            "version": "2.0",
            "section": "unverified",
            "author": "operator-admin@example.jp",
            "status": "open",
            "ja": "年齢確認の方法として、公的身分証の画像の提出以外に認められるものはありますか。",
            "en": "Apart from uploading an identity document, which ways of verifying age are accepted?",
            "replies": [],
        },
        {
            "version": "1.0",
            "section": "zones",
            "author": "filtering@example.jp",
            "status": "resolved",
            "ja": "フィルタリングの設定と区分の境界年齢をそろえると、保護者に説明しやすくなります。",
            "en": "Aligning the zone boundary with filtering settings would make it easier to explain to guardians.",
            "replies": [
                {
                    "author": "secretariat@example.jp",
                    "ja": "ご意見ありがとうございます。フィルタリング事業者との連携は別の指針で扱います。",
                    "en": "Thank you. Cooperation with filtering providers is covered by a separate guideline.",
                }
            ],
        },
        {
            "version": "3.0-draft",
            "section": "shared-costs",
            "author": "operator@example.jp",
            "status": "open",
            "ja": "共同利用の費用負担は、利用者数に応じた按分とすることを提案します。",
            "en": "We propose that the shared costs be divided according to each operator's number of users.",
            "replies": [],
        },
    ],
}

ID_SEARCH = {
    "slug": "id-search-restriction",
    "topics": ["age-restrictions"],
    "measures": ["id_search_restriction", "age_verification"],
    "versions": [
        {
            "label": "1.0",
            "major": True,
            "effective": date(2017, 4, 1),
            "ja": {
                "title": "18歳未満の利用者のID検索制限に関する指針",
                "summary": "ID交換を通じて子どもが見知らぬ大人とつながることを防ぐため、ID検索機能の制限を定める。",
                "note": "",
                "sections": [
                    (
                        "background",
                        "背景",
                        _p(
                            "掲示板でIDを交換し、SNSやメッセージアプリで連絡を取る手口による被害は、2013年に最も多くなった。",
                            "LINEは2012年、18歳未満の利用者に関するID検索を無効にし、その後この経路による被害の増加は止まった。",
                        ),
                    ),
                    (
                        "restriction",
                        "制限の内容",
                        _p(
                            "18歳未満の利用者のIDは、他の利用者から検索できないようにする。",
                            "18歳未満の利用者は、他の利用者のIDを検索できないようにする。",
                        ),
                    ),
                    (
                        "unverified",
                        "年齢確認を済ませていない利用者",
                        _p("年齢確認を済ませていない利用者にも、18歳未満の利用者と同じ制限を適用する。"),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on restricting ID search for under-18 users",
                "summary": "Restrictions on searching for user IDs, so that children are not reached by strangers through exchanged IDs.",
                "note": "",
                "sections": [
                    (
                        "background",
                        "Background",
                        _p(
                            "Offences that began with IDs swapped on message boards and continued in SNS and messaging apps peaked in 2013.",
                            "In 2012 LINE switched off ID search for under-18 users, after which offences through this route stopped rising.",
                        ),
                    ),
                    (
                        "restriction",
                        "What is restricted",
                        _p(
                            "Other users cannot find an under-18 user's ID by search.",
                            "Under-18 users cannot search for other users' IDs.",
                        ),
                    ),
                    (
                        "unverified",
                        "Users without age verification",
                        _p(
                            "Users who have not verified their age get the same restrictions as under-18 users."
                        ),
                    ),
                ],
            },
        },
        {
            "label": "1.1",
            "major": False,
            "effective": date(2018, 1, 15),
            "ja": {
                "title": "18歳未満の利用者のID検索制限に関する指針",
                "summary": "ID交換を通じて子どもが見知らぬ大人とつながることを防ぐため、ID検索機能の制限を定める。",
                "note": "",
                "sections": [
                    ("background", "背景", None),
                    (
                        "restriction",
                        "制限の内容",
                        _p(
                            "18歳未満の利用者のIDは、他の利用者から検索できないようにする。",
                            "18歳未満の利用者は、他の利用者のIDを検索できないようにする。",
                            "QRコードによる友だち追加にも、同じ制限を適用する。",
                        ),
                    ),
                    ("unverified", "年齢確認を済ませていない利用者", None),
                ],
            },
            "en": {
                "title": "Guideline on restricting ID search for under-18 users",
                "summary": "Restrictions on searching for user IDs, so that children are not reached by strangers through exchanged IDs.",
                "note": "",
                "sections": [
                    ("background", "Background", None),
                    (
                        "restriction",
                        "What is restricted",
                        _p(
                            "Other users cannot find an under-18 user's ID by search.",
                            "Under-18 users cannot search for other users' IDs.",
                            "The same restrictions apply to adding contacts by QR code.",
                        ),
                    ),
                    ("unverified", "Users without age verification", None),
                ],
            },
        },
    ],
    "comments": [
        {
            "version": "1.0",
            "section": "restriction",
            "author": "operator@example.jp",
            "status": "resolved",
            "ja": "QRコードでの友だち追加も同じ扱いと考えてよいでしょうか。",
            "en": "Should adding contacts by QR code be treated the same way?",
            "replies": [
                {
                    "author": "secretariat@example.jp",
                    "ja": "はい。1.1版で明記しました。",
                    "en": "Yes. Version 1.1 now says so.",
                }
            ],
        },
        {
            "version": "1.1",
            "section": "unverified",
            "author": "educator@example.jp",
            "status": "open",
            "ja": "年齢確認の案内文を、子どもにも分かる表現にしていただけると学校で説明しやすくなります。",
            "en": "Wording the age verification prompt so that children understand it would help teachers explain it.",
            "replies": [],
        },
    ],
}

AGE_GAP = {
    "slug": "age-gap-message-block",
    "topics": ["age-restrictions"],
    "measures": ["age_gap_message_block"],
    "versions": [
        {
            "label": "1.0",
            "major": True,
            "effective": date(2017, 4, 1),
            "ja": {
                "title": "年齢差の大きい利用者間のメッセージ制限に関する指針",
                "summary": "18歳未満の利用者と、大きく年上の利用者との間のメッセージを制限する方法を定める。",
                "note": "",
                "sections": [
                    (
                        "background",
                        "背景",
                        _p(
                            "GREEは2009年の時点で、18歳未満の利用者へのメッセージ送信を制限していた。",
                            "DeNAは、18歳未満の利用者が3歳を超えて年上の利用者にメッセージを送れないようにした。",
                        ),
                    ),
                    (
                        "rule",
                        "制限の内容",
                        _p(
                            "18歳未満の利用者と、その利用者より3歳を超えて年上の利用者との間では、メッセージを送受信できないようにする。"
                        ),
                    ),
                    (
                        "age-source",
                        "年齢の根拠",
                        _p(
                            "年齢は、携帯電話事業者から得た年齢情報、または事業者による年齢確認の結果に基づいて判定する。"
                        ),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on blocking messages across a large age gap",
                "summary": "How operators block messages between under-18 users and users much older than them.",
                "note": "",
                "sections": [
                    (
                        "background",
                        "Background",
                        _p(
                            "By 2009 GREE restricted the sending of messages to under-18 users.",
                            "DeNA stopped under-18 users from sending messages to users more than three years older.",
                        ),
                    ),
                    (
                        "rule",
                        "The rule",
                        _p(
                            "No messages pass between an under-18 user and a user more than three years older."
                        ),
                    ),
                    (
                        "age-source",
                        "Where the age comes from",
                        _p(
                            "Ages come from mobile carriers' age data or from the operator's own age verification."
                        ),
                    ),
                ],
            },
        },
        {
            "label": "1.1",
            "major": False,
            "effective": date(2018, 6, 1),
            "ja": {
                "title": "年齢差の大きい利用者間のメッセージ制限に関する指針",
                "summary": "18歳未満の利用者と、大きく年上の利用者との間のメッセージを制限する方法を定める。",
                "note": "",
                "sections": [
                    ("background", "背景", None),
                    (
                        "rule",
                        "制限の内容",
                        _p(
                            "18歳未満の利用者と、その利用者より3歳を超えて年上の利用者との間では、メッセージの送信と受信のどちらもできないようにする。"
                        ),
                    ),
                    ("age-source", "年齢の根拠", None),
                ],
            },
            "en": {
                "title": "Guideline on blocking messages across a large age gap",
                "summary": "How operators block messages between under-18 users and users much older than them.",
                "note": "",
                "sections": [
                    ("background", "Background", None),
                    (
                        "rule",
                        "The rule",
                        _p(
                            "Messages can be neither sent nor received between an under-18 user and a user more than three years older."
                        ),
                    ),
                    ("age-source", "Where the age comes from", None),
                ],
            },
        },
    ],
    "comments": [
        {
            "version": "1.1",
            "section": "rule",
            "author": "police@example.jp",
            "status": "open",
            "ja": "年齢を偽って登録する事例が見られます。年齢の変更を繰り返す利用者への対応も定めてはどうでしょうか。",
            "en": "We see users who register with a false age. The guideline could also cover users who change their age repeatedly.",
            "replies": [],
        },
        {
            "version": "1.0",
            "section": "age-source",
            "author": "carrier@example.jp",
            "status": "answered",
            "ja": "年齢情報の提供には契約者の同意が必要です。同意の取り方の例を示すと導入が進みます。",
            "en": "Carriers need the subscriber's consent to share age data. Examples of how to ask for it would help operators.",
            "replies": [
                {
                    "author": "secretariat@example.jp",
                    "ja": "同意の取り方は、インターネット・ゾーニングの指針で扱う予定です。",
                    "en": "How to ask for consent will be covered in the guideline on internet zoning.",
                }
            ],
        },
    ],
}

PATROL = {
    "slug": "patrol-and-keyword-screening",
    "topics": ["monitoring", "reporting"],
    "measures": ["round_the_clock_patrol", "keyword_screening", "whistleblowing_form"],
    "versions": [
        {
            "label": "1.0",
            "major": True,
            "effective": date(2017, 4, 1),
            "ja": {
                "title": "24時間体制の巡回とキーワード検知に関する指針",
                "summary": "担当者による昼夜を問わない巡回と、システムによるキーワード検知を組み合わせて、不適切な投稿を早く見つける方法を定める。",
                "note": "",
                "sections": [
                    (
                        "patrol",
                        "巡回の体制",
                        _p(
                            "DeNAは、システムによる検知に加えて担当者の目視を重視し、サービス内を24時間体制で巡回している。",
                            "事業者は、利用者の多い時間帯に合わせて担当者を配置し、夜間も巡回を止めない。",
                        ),
                    ),
                    (
                        "keywords",
                        "キーワードの管理",
                        _p(
                            "援助交際などの勧誘に使われる隠語は次々に変わるため、検知に用いる語句の一覧を少なくとも毎月見直す。",
                            "協議会が共有する隠語の一覧を取り込み、自社で見つけた語句は協議会に知らせる。",
                        ),
                    ),
                    (
                        "response",
                        "発見したときの対応",
                        _p(
                            "不適切な投稿は削除し、悪質な利用者は利用を停止する。児童が被害に遭うおそれがあるときは警察に通報する。"
                        ),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on round-the-clock patrol and keyword screening",
                "summary": "How staff patrolling day and night and automatic keyword screening together find inappropriate posts early.",
                "note": "",
                "sections": [
                    (
                        "patrol",
                        "Patrol staffing",
                        _p(
                            "Besides automatic detection, DeNA relies on staff reading content and patrols its service around the clock.",
                            "Operators staff the hours when most users are online and keep patrolling at night.",
                        ),
                    ),
                    (
                        "keywords",
                        "Keeping the keyword list",
                        _p(
                            "Coded terms used to solicit compensated dating change quickly, so the list of screened terms is reviewed at least monthly.",
                            "Operators load the coded-term list that the conference shares and report new terms they find.",
                        ),
                    ),
                    (
                        "response",
                        "What to do on finding a post",
                        _p(
                            "Inappropriate posts are deleted and abusive users suspended. Where a child may come to harm, the operator tells the police."
                        ),
                    ),
                ],
            },
        },
        {
            "label": "2.0",
            "major": True,
            "effective": date(2021, 4, 1),
            "ja": {
                "title": "24時間体制の巡回とキーワード検知に関する指針",
                "summary": "担当者による昼夜を問わない巡回と、システムによるキーワード検知を組み合わせて、不適切な投稿を早く見つける方法を定める。",
                "note": "サイバー防犯ボランティアや利用者からの通報の受け付けを加えた。",
                "sections": [
                    ("patrol", "巡回の体制", None),
                    ("keywords", "キーワードの管理", None),
                    ("response", "発見したときの対応", None),
                    (
                        "reports",
                        "通報の受け付け",
                        _p(
                            "サイバー防犯ボランティアや一般の利用者が不適切な投稿を知らせられるよう、分かりやすい通報窓口を設ける。",
                            "通報を受けた投稿は優先して確認し、対応の結果を記録する。",
                        ),
                    ),
                ],
            },
            "en": {
                "title": "Guideline on round-the-clock patrol and keyword screening",
                "summary": "How staff patrolling day and night and automatic keyword screening together find inappropriate posts early.",
                "note": "Adds taking reports from cybercrime-prevention volunteers and users.",
                "sections": [
                    ("patrol", "Patrol staffing", None),
                    ("keywords", "Keeping the keyword list", None),
                    ("response", "What to do on finding a post", None),
                    (
                        "reports",
                        "Taking reports",
                        _p(
                            "Operators offer a clear reporting form, so that cybercrime-prevention volunteers and ordinary users can point out inappropriate posts.",
                            "Reported posts are checked first and the outcome recorded.",
                        ),
                    ),
                ],
            },
        },
    ],
    "comments": [
        {
            "version": "1.0",
            "section": "keywords",
            "author": "volunteer@example.jp",
            "status": "answered",
            "ja": "巡回で見つけた新しい隠語を、ボランティアからも協議会に知らせる方法がほしいです。",
            "en": "Volunteers who find new coded terms on patrol would like a way to pass them to the conference.",
            "replies": [
                {
                    "author": "secretariat@example.jp",
                    "ja": "2.0版で通報の受け付けを加えます。隠語の一覧への反映は事務局が行います。",
                    "en": "Version 2.0 adds taking reports. The secretariat adds new terms to the shared list.",
                }
            ],
        },
        {
            "version": "2.0",
            "section": "reports",
            "author": "operator@example.jp",
            "status": "open",
            "ja": "通報への対応結果を通報者に返す期限の目安はありますか。",
            "en": "Is there a target time for telling reporters what happened to their report?",
            "replies": [],
        },
    ],
}

GUIDELINES = [MESSAGE_MONITORING, INTERNET_ZONING, ID_SEARCH, AGE_GAP, PATROL]

# A comment hidden by the secretariat, to show moderation: (guideline slug, version, section, author, reason)
HIDDEN_COMMENT = {
    "guideline": "patrol-and-keyword-screening",
    "version": "2.0",
    "section": "patrol",
    "author": "volunteer@example.jp",
    "ja": "（宣伝のための書き込み）",
    "en": "(An advertisement)",
    "reason_ja": "ガイドラインと関係のない宣伝のため非表示にしました。",
    "reason_en": "Hidden because it advertises a product unrelated to the guideline.",
}
