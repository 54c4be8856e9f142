"""Texts of the demo curricula, one per audience, in Japanese and English.

The facts come from the National Police Agency's public figures on child victims of crime through
community sites (2008 to the first half of 2016) and from the measures operators took. The wording is our
own.
Each entry: slug, audience, duration in minutes, version, site type and measure codes of the registry,
then per language the title, summary, background (HTML), objectives, activities as (title, minutes,
description, materials), discussion prompts as (question, note for the facilitator) and worksheets as
(title, instructions, items), where an item is ("scenario", text), ("question", text, answer lines) or
("checkbox", text).
"""

CURRICULA = [
    {
        "slug": "strangers-in-games",
        "audience": "lower_elementary",
        "duration": 45,
        "version": "1.0",
        "site_types": ["game_avatar", "chat"],
        "measures": ["filtering_cooperation"],
        "ja": {
            "title": "ゲームで話しかけてくる「しらない人」",
            "summary": (
                "オンラインゲームやアプリで、しらない人に話しかけられたときにどうするかを、絵カードと"
                "ロールプレイで学びます。名前や学校をおしえないこと、こまったらすぐおとなに話すことを"
                "身につけます。"
            ),
            "background": (
                "<p>小学校低学年でも、家族のスマートフォンやゲーム機でオンラインゲームやチャットを使っています。"
                "ゲームの中の「フレンド」は、顔も年齢もわからない相手です。</p>"
                "<p>警察庁の統計では、コミュニティサイトに起因する事犯の被害児童には13歳以下の子どもも多く含まれており、"
                "利用者の低年齢化が指摘されています。この授業では怖がらせるのではなく、"
                "「おしえない」「ついていかない」「すぐ話す」の三つを、具体的な場面で練習します。</p>"
                "<p>授業の後、保護者向けのお便りでフィルタリングの利用と家庭のルールづくりを呼びかけてください。</p>"
            ),
            "objectives": [
                "ネットでしか知らない人は「しらない人」だとわかる。",
                "名前、学校、住所、写真をおしえてはいけない理由を言える。",
                "こまったときや、いやな気持ちになったときに、おうちの人や先生にすぐ話せる。",
            ],
            "activities": [
                (
                    "はじめのお話",
                    5,
                    "ゲームやアプリで遊んだことがあるか、手をあげてもらいます。ゲームの中の友だちと、学校の友だちのちがいを問いかけます。",
                    "",
                ),
                (
                    "絵カードで考えよう",
                    15,
                    "「なんさい？」「どこの小学校？」「しゃしんおくって」と話しかけられる絵カードを見せ、どう答えるかをグループで話し合います。",
                    "絵カード（4まい）",
                ),
                (
                    "ロールプレイ「ことわってみよう」",
                    12,
                    "先生が「しらない人」の役になり、子どもは「おしえないよ」「おうちの人にきいてみる」とことわる練習をします。",
                    "",
                ),
                (
                    "ワークシート",
                    8,
                    "ワークシートに、こまったときに話す人の名前を書きます。",
                    "ワークシート",
                ),
                (
                    "まとめ",
                    5,
                    "「おしえない」「ついていかない」「すぐ話す」の三つをみんなで声に出して確かめます。",
                    "",
                ),
            ],
            "prompts": [
                (
                    "ゲームの中の「フレンド」と、学校の友だちは、どこがちがうかな？",
                    "顔が見えない、ほんとうの年や名前がわからない、という点に気づかせます。",
                ),
                (
                    "「ないしょにしてね」と言われたら、どうする？",
                    "ないしょにしようと言う相手こそ、おとなに話す合図だと伝えます。話した子をしからないことも約束します。",
                ),
                ("いやな気持ちになったとき、だれに話せるかな？", ""),
            ],
            "worksheets": [
                (
                    "こんなとき、どうする？",
                    "絵を見て、こたえを書いたり、○をつけたりしよう。",
                    [
                        (
                            "scenario",
                            "ゲームで「いっしょにあそぼう。きみ、なんさい？どこにすんでるの？」とメッセージがきました。",
                        ),
                        ("question", "あなたなら、なんとこたえますか。", 2),
                        ("checkbox", "名前や学校はおしえない"),
                        ("checkbox", "「あおう」と言われても、ついていかない"),
                        ("checkbox", "こまったら、すぐおうちの人や先生に話す"),
                        ("question", "こまったときに話せる人の名前を書こう。", 2),
                    ],
                ),
            ],
        },
        "en": {
            "title": "Strangers who talk to you in games",
            "summary": (
                "Children practise what to do when someone they do not know talks to them in an online game "
                "or app, with picture cards and role play: keep their name and school to themselves and tell "
                "an adult straight away."
            ),
            "background": (
                "<p>Even children in the first years of elementary school play online games and use chat on a "
                'family smartphone or game console. A game "friend" is someone whose face and age they do not '
                "know.</p>"
                "<p>The police statistics on children harmed through community sites include many victims aged 13 "
                "and under, and users are getting younger. This lesson does not frighten children; it practises "
                "three habits in concrete situations: don't tell, don't go, tell an adult.</p>"
                "<p>After the lesson, send guardians a letter asking them to use filtering and to agree family "
                "rules.</p>"
            ),
            "objectives": [
                "Understand that someone known only online is a stranger.",
                "Say why they do not give their name, school, address or photos.",
                "Tell a guardian or teacher at once when something worries or upsets them.",
            ],
            "activities": [
                (
                    "Opening talk",
                    5,
                    "Ask who has played games or used apps. Ask how friends in a game differ from friends at school.",
                    "",
                ),
                (
                    "Picture cards",
                    15,
                    'Show cards where a player asks "How old are you?", "Which school?" or "Send a photo". Groups discuss how to answer.',
                    "4 picture cards",
                ),
                (
                    "Role play: saying no",
                    12,
                    'The teacher plays the stranger; children practise saying "I won\'t tell" and "I\'ll ask my family".',
                    "",
                ),
                ("Worksheet", 8, "Children write the names of people they can talk to.", "Worksheet"),
                ("Wrap-up", 5, "Say the three habits together: don't tell, don't go, tell an adult.", ""),
            ],
            "prompts": [
                (
                    'How is a game "friend" different from a friend at school?',
                    "Lead them to notice that they cannot see the person or know their real age or name.",
                ),
                (
                    'What do you do if someone says "keep this a secret"?',
                    "A request for secrecy is exactly the signal to tell an adult. Promise that no child is scolded for telling.",
                ),
                ("Who can you talk to when something upsets you?", ""),
            ],
            "worksheets": [
                (
                    "What would you do?",
                    "Look at the situation, then write or tick your answers.",
                    [
                        (
                            "scenario",
                            'A message in a game says: "Let\'s play together. How old are you? Where do you live?"',
                        ),
                        ("question", "What would you answer?", 2),
                        ("checkbox", "I do not tell my name or school"),
                        ("checkbox", "I do not go to meet someone who asks"),
                        ("checkbox", "I tell my family or teacher at once"),
                        ("question", "Write the names of people you can talk to.", 2),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "id-exchange",
        "audience": "upper_elementary",
        "duration": 45,
        "version": "1.0",
        "site_types": ["id_exchange", "chat"],
        "measures": ["id_search_restriction", "filtering_cooperation"],
        "ja": {
            "title": "ID交換の前に考えよう",
            "summary": (
                "掲示板やSNSで「ID交換しよう」と誘われたとき、何が起きうるかを事例から考えます。"
                "IDを教えると、知らない人と一対一でやり取りできるようになることを理解し、"
                "断り方と相談先を身につけます。"
            ),
            "background": (
                "<p>2013年から2014年にかけて、メッセージアプリのIDを交換する掲示板をきっかけとした被害が急増しました。"
                "IDを交換すると、やり取りは当事者しか見えない一対一の場に移り、周りの大人や運営者の目が届きにくくなります。</p>"
                "<p>大手のメッセージアプリは、18歳未満の利用者について、ID検索で見つけられない・自分からも検索できないという制限を"
                "取り入れ、年齢確認をしていない利用者にも同じ制限をかけています。"
                "こうした仕組みは、年齢を正しく登録して初めて働きます。</p>"
            ),
            "objectives": [
                "ID交換によって、知らない人と一対一でつながることの危険を説明できる。",
                "ID検索の制限や年齢確認が、子どもを守るための仕組みであることを知る。",
                "誘いを断る言葉と、相談できる大人を挙げられる。",
            ],
            "activities": [
                ("導入：IDって何？", 5, "メッセージアプリのIDが何に使われるかを確認します。", "スライド"),
                (
                    "事例を読む",
                    12,
                    "掲示板で知り合った相手とIDを交換し、やり取りがエスカレートしていく架空の事例を読みます。どこで止められたかに線を引きます。",
                    "事例シート",
                ),
                (
                    "グループ討議",
                    13,
                    "「相手が同じ小学生だと言っていたら？」「プレゼントをくれると言われたら？」など、揺さぶりの問いで話し合います。",
                    "",
                ),
                ("ワークシート", 10, "断り方を自分の言葉で書き、相談先を書き込みます。", "ワークシート"),
                ("まとめ", 5, "年齢を正しく登録することと、困ったら相談することを確認します。", ""),
            ],
            "prompts": [
                (
                    "ネットで「同じ小学生だよ」と言う相手を、本当だと確かめる方法はあるかな？",
                    "確かめる方法はないこと、写真やプロフィールは簡単に偽れることに気づかせます。",
                ),
                (
                    "アプリに年齢を正しく登録すると、どんな良いことがあるかな？",
                    "ID検索の制限など、年齢に応じた保護が働くことを説明します。",
                ),
                (
                    "IDを教えてしまった後で不安になったら、どうすればいいかな？",
                    "ブロックと、大人への相談を伝えます。",
                ),
            ],
            "worksheets": [
                (
                    "「ID交換しよう」と言われたら",
                    "次の場面を読んで、答えを書きましょう。",
                    [
                        (
                            "scenario",
                            "ゲームの掲示板で仲良くなった人から「もっと話したいから、ID交換しよう。親には言わないでね」とメッセージが来ました。",
                        ),
                        ("question", "この誘いのどこが心配ですか。", 3),
                        ("question", "あなたならどう断りますか。自分の言葉で書きましょう。", 3),
                        ("checkbox", "アプリには本当の年齢を登録している"),
                        ("checkbox", "困ったときに相談できる大人がいる"),
                    ],
                ),
            ],
        },
        "en": {
            "title": "Think before you swap IDs",
            "summary": (
                "Using an example, children consider what can happen when someone on a board or social network "
                "asks to swap messaging IDs. They learn that giving an ID opens a private one-to-one channel "
                "with a stranger, how to say no and whom to ask for help."
            ),
            "background": (
                "<p>In 2013 and 2014 the number of children harmed after meeting someone on boards for swapping "
                "messaging-app IDs rose sharply. Once IDs are swapped, the conversation moves to a private "
                "one-to-one space that adults and the operator rarely see.</p>"
                "<p>A major messaging app stopped users under 18 from being found by ID search and from searching "
                "others by ID, and applies the same limit to users whose age is not verified. Such protections "
                "only work when the age is registered truthfully.</p>"
            ),
            "objectives": [
                "Explain the risk of a private one-to-one connection with a stranger after swapping IDs.",
                "Know that ID-search limits and age verification exist to protect children.",
                "Name words to refuse an invitation and adults to ask for help.",
            ],
            "activities": [
                ("Introduction: what is an ID?", 5, "Check what a messaging-app ID is used for.", "Slides"),
                (
                    "Reading a case",
                    12,
                    "Read an invented case in which a child swaps IDs with someone met on a board and the chat escalates. Mark where it could have stopped.",
                    "Case sheet",
                ),
                (
                    "Group discussion",
                    13,
                    "Discuss harder questions: what if the other person says they are in elementary school too, or offers a present?",
                    "",
                ),
                ("Worksheet", 10, "Write a refusal in their own words and fill in whom to ask.", "Worksheet"),
                ("Wrap-up", 5, "Confirm: register your true age, and ask for help when worried.", ""),
            ],
            "prompts": [
                (
                    "Is there a way to check that someone online really is an elementary school child?",
                    "There is none: photos and profiles are easy to fake.",
                ),
                (
                    "What good does registering your true age in an app do?",
                    "Age-based protections such as the ID-search limit start working.",
                ),
                (
                    "What can you do if you feel uneasy after giving your ID?",
                    "Block the person and tell an adult.",
                ),
            ],
            "worksheets": [
                (
                    'When someone says "let\'s swap IDs"',
                    "Read the situation and write your answers.",
                    [
                        (
                            "scenario",
                            "Someone you got along with on a game board writes: \"I want to talk more, let's swap IDs. Don't tell your parents.\"",
                        ),
                        ("question", "What worries you about this message?", 3),
                        ("question", "How would you say no? Use your own words.", 3),
                        ("checkbox", "My apps have my true age"),
                        ("checkbox", "I have an adult I can ask for help"),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "meeting-people-from-sns",
        "audience": "junior_high",
        "duration": 50,
        "version": "1.1",
        "site_types": ["multiple_interaction", "chat", "random_matching"],
        "measures": ["age_verification", "internet_zoning", "age_gap_message_block"],
        "ja": {
            "title": "SNSで知り合った人に会う前に：年齢確認とゾーニングのしくみ",
            "summary": (
                "SNSやチャットアプリで知り合った相手が、どのように信頼を得て会う約束に持ち込むのかを学びます。"
                "年齢確認やインターネット・ゾーニングなど、事業者の対策の仕組みを知り、"
                "自分を守る判断と相談の方法を考えます。"
            ),
            "background": (
                "<p>コミュニティサイトに起因する事犯の被害児童は、統計を取り始めた2008年以降ほぼ増え続け、"
                "2015年には1,652人、2016年上半期だけで889人に達しました。2015年以降は、多数の相手と同時にやり取りできる"
                "SNS（複数交流系）をきっかけとする被害が最も多くなっています。</p>"
                "<p>被害に遭った子どもの年齢は16〜17歳が多い一方、13歳以下も少なくありません。"
                "罪種では青少年保護育成条例違反が最も多く、児童ポルノ、児童買春が続きます。</p>"
                "<p>事業者の対策として、携帯電話事業者の年齢情報を使って大人と子どもの交流を制限する"
                "インターネット・ゾーニング、18歳未満から3歳以上年上の利用者へのメッセージ送信の制限、"
                "メッセージの監視などがあり、導入した事業者では被害が大きく減りました。</p>"
            ),
            "objectives": [
                "知り合った相手が信頼を得て会う約束に持ち込む典型的な流れを説明できる。",
                "年齢確認とインターネット・ゾーニングの目的を理解し、年齢を偽って登録しない理由を言える。",
                "会おうと誘われたときの判断と、相談先（保護者、先生、警察相談専用電話 #9110）を挙げられる。",
            ],
            "activities": [
                (
                    "導入：数字で見る現状",
                    7,
                    "被害児童数の推移と、きっかけとなったサイトの種類の変化をグラフで示します。",
                    "スライド（統計グラフ）",
                ),
                (
                    "事例：やり取りの流れを追う",
                    13,
                    "SNSで趣味の話から始まり、悩み相談、写真の要求、会う約束へと進む架空のやり取りを読み、相手の言葉の変化に印をつけます。",
                    "事例シート",
                ),
                (
                    "解説：事業者の対策",
                    10,
                    "年齢確認、ゾーニング、年上の利用者からのメッセージ制限の仕組みを図で説明します。年齢を偽るとこれらが働かないことを確認します。",
                    "スライド",
                ),
                ("グループ討議", 12, "討議の問いについて班で話し合い、発表します。", ""),
                ("ワークシートとまとめ", 8, "自分の「会わないルール」と相談先を書きます。", "ワークシート"),
            ],
            "prompts": [
                (
                    "相手が「優しくて話を聞いてくれる」と感じたとき、何に気をつければいいだろう？",
                    "信頼を得る段階（グルーミング）では、相手はとても親切にふるまうことを伝えます。",
                ),
                (
                    "年齢を上に偽って登録すると、どんな保護が働かなくなるだろう？",
                    "ゾーニングや年齢差によるメッセージ制限が外れることを確認します。",
                ),
                (
                    "友だちが「今度SNSの人に会う」と言ったら、どう声をかける？",
                    "一人で抱えず、信頼できる大人に一緒に相談することを勧めます。",
                ),
            ],
            "worksheets": [
                (
                    "やり取りの変化を見つけよう",
                    "次のメッセージを読んで、気になる言葉に線を引き、問いに答えましょう。",
                    [
                        (
                            "scenario",
                            "1日目「同じバンドが好きなんだね！」 3日目「学校つらいなら、いつでも話聞くよ」",
                        ),
                        (
                            "scenario",
                            "7日目「二人だけの秘密ね。顔写真送って」 10日目「駅まで迎えに行くから会おうよ」",
                        ),
                        ("question", "相手の言葉は、どのように変わっていきましたか。", 3),
                        ("question", "どの時点で、誰に相談できたと思いますか。", 3),
                    ],
                ),
                (
                    "わたしの「会わないルール」",
                    "自分のルールを決めて書きましょう。",
                    [
                        ("question", "ネットで知り合った人に会おうと言われたら、わたしは：", 2),
                        ("checkbox", "アプリに本当の年齢を登録している"),
                        ("checkbox", "個人が特定できる写真を送らない"),
                        ("checkbox", "困ったら保護者、先生、#9110 に相談する"),
                    ],
                ),
            ],
        },
        "en": {
            "title": "Before meeting someone from social media: how age verification and zoning work",
            "summary": (
                "Students learn how someone met on a social network or chat app gains their trust and steers "
                "towards a meeting. They see how operators' age verification and internet zoning work and plan "
                "how to decide and whom to ask for help."
            ),
            "background": (
                "<p>The number of children harmed through community sites rose almost every year after the "
                "police started counting in 2008: 1,652 in 2015 and 889 in the first half of 2016 alone. Since "
                "2015 the most victims first met the offender on social networks where users interact with many "
                "people at once.</p>"
                "<p>Most victims were 16 or 17, but many were 13 or younger. The most frequent offences were "
                "violations of the prefectural youth protection ordinances, followed by child pornography and "
                "child prostitution.</p>"
                "<p>Operators' measures include internet zoning, which uses the mobile carriers' age data to "
                "limit contact between adults and children, blocking messages from users more than three years "
                "older to users under 18, and monitoring of messages. Operators who adopted them saw the number "
                "of victims fall sharply.</p>"
            ),
            "objectives": [
                "Describe the usual path from first contact to an arranged meeting.",
                "Understand the purpose of age verification and internet zoning, and say why not to register a false age.",
                "Name how to decide when asked to meet, and whom to ask: guardians, teachers, the police consultation line.",
            ],
            "activities": [
                (
                    "Introduction: the figures",
                    7,
                    "Show how the number of child victims and the kinds of sites involved changed over the years.",
                    "Slides with charts",
                ),
                (
                    "Case: follow the conversation",
                    13,
                    "Read an invented chat that moves from a shared hobby to worries, a request for photos and a meeting. Mark how the tone changes.",
                    "Case sheet",
                ),
                (
                    "Explanation: operators' measures",
                    10,
                    "Explain age verification, zoning and the block on messages from much older users with a diagram. A false age switches them off.",
                    "Slides",
                ),
                ("Group discussion", 12, "Groups discuss the prompts and report back.", ""),
                (
                    "Worksheet and wrap-up",
                    8,
                    "Students write their own rule about meetings and whom they would ask.",
                    "Worksheet",
                ),
            ],
            "prompts": [
                (
                    "When someone online feels kind and always listens, what should you keep in mind?",
                    "In the grooming stage offenders are very friendly on purpose.",
                ),
                (
                    "Which protections stop working if you register as older than you are?",
                    "Zoning and the age-gap message block no longer apply.",
                ),
                (
                    "A friend says they will meet someone from social media. What do you say?",
                    "Encourage them to talk to a trusted adult together rather than alone.",
                ),
            ],
            "worksheets": [
                (
                    "Spot the change",
                    "Read the messages, underline the words that worry you and answer the questions.",
                    [
                        (
                            "scenario",
                            'Day 1: "You like the same band!" Day 3: "If school is hard, I\'m always here to listen."',
                        ),
                        (
                            "scenario",
                            'Day 7: "Our secret. Send me a photo of your face." Day 10: "I\'ll pick you up at the station."',
                        ),
                        ("question", "How did the other person's words change?", 3),
                        ("question", "At which point could you have asked someone for help, and whom?", 3),
                    ],
                ),
                (
                    "My rule about meetings",
                    "Decide your own rules and write them down.",
                    [
                        ("question", "If someone I met online asks to meet, I will:", 2),
                        ("checkbox", "My apps have my true age"),
                        ("checkbox", "I do not send photos that show who I am"),
                        ("checkbox", "I talk to a guardian, a teacher or the police consultation line"),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "compensated-dating-posts",
        "audience": "high_school",
        "duration": 50,
        "version": "1.0",
        "site_types": ["multiple_interaction", "blog_board"],
        "measures": ["keyword_screening", "whistleblowing_form", "post_monitoring_before"],
        "ja": {
            "title": "「パパ活」「援助交際」の誘いとネットの書き込み",
            "summary": (
                "SNSや掲示板に見られる援助交際・「パパ活」の誘いの書き込みについて、その背後にある犯罪と、"
                "書き込む側にも起きる危険を学びます。隠語の意味、事業者の監視や通報の仕組み、"
                "サイバー補導についても知り、困ったときの相談先を確認します。"
            ),
            "background": (
                "<p>SNSや掲示板には、援助交際を求めたり誘ったりする不適切な書き込みが多数あり、子どもが目にする機会も多くなっています。"
                "警察はサイバーパトロールでこうした書き込みをした子どもを見つけ、直接連絡して注意や指導を行う"
                "サイバー補導を進めています。</p>"
                "<p>子どもを相手にした買春や、子どもに裸の写真を送らせることは、大人の側の重大な犯罪です。"
                "被害に遭った子どもは責められるべき存在ではなく、守られるべき存在です。</p>"
                "<p>事業者は、キーワードによる書き込みの検知、投稿前の監視、利用者からの通報窓口などで対策しています。"
                "大学生などのサイバー防犯ボランティアも、パトロールで見つけた書き込みを事業者に通報しています。</p>"
            ),
            "objectives": [
                "援助交際や「パパ活」の誘いの背後にある犯罪と、書き込む側が遭う危険を説明できる。",
                "誘いに使われる隠語に気づき、安易に反応しない判断ができる。",
                "不適切な書き込みを通報する方法と、被害に遭ったときの相談先を知る。",
            ],
            "activities": [
                (
                    "導入：よく見る言葉",
                    5,
                    "匿名アンケートで、こうした書き込みを見たことがあるかを尋ね、結果を共有します。",
                    "アンケート用紙",
                ),
                (
                    "解説：誘いの背後にあるもの",
                    12,
                    "金銭やプレゼントを約束する誘いが、買春、児童ポルノの製造、脅迫につながる流れを説明します。子どもは被害者であることを強調します。",
                    "スライド",
                ),
                (
                    "ケーススタディ",
                    15,
                    "「食事だけ」「お小遣い」と持ちかけられる架空のやり取りを読み、断りにくくなる仕掛けを班で分析します。",
                    "ケースシート",
                ),
                (
                    "対策と通報",
                    10,
                    "事業者のキーワード検知、投稿前監視、通報フォームと、通報した書き込みの扱いを説明します。",
                    "スライド",
                ),
                (
                    "まとめとワークシート",
                    8,
                    "相談先と、友だちに相談されたときの対応を書きます。",
                    "ワークシート",
                ),
            ],
            "prompts": [
                (
                    "「食事だけ」「会うだけ」という誘いが、なぜ安全とは言えないのだろう？",
                    "会った後に写真を撮られ、脅される例があることを伝えます。",
                ),
                (
                    "書き込みを見つけたとき、面白半分で反応すると何が起きうるだろう？",
                    "相手とつながってしまう危険と、通報の方法を確認します。",
                ),
                (
                    "友だちから「お金に困ってて、ネットで誘われた」と打ち明けられたら、どう応える？",
                    "責めずに聞き、信頼できる大人や相談窓口（24時間子供SOSダイヤル 0120-0-78310）につなぐことを話し合います。",
                ),
            ],
            "worksheets": [
                (
                    "誘いの言葉を見抜く",
                    "次の書き込みを読んで、問いに答えましょう。",
                    [
                        ("scenario", "「高校生の子、食事だけでお小遣いあげます。DMください。秘密厳守」"),
                        ("question", "この書き込みの、どの言葉が危険のサインですか。", 3),
                        ("question", "この書き込みを見つけたら、どうしますか。", 3),
                        ("checkbox", "サービスの通報機能の場所を知っている"),
                        ("checkbox", "困ったときの相談先を一つ以上知っている"),
                    ],
                ),
            ],
        },
        "en": {
            "title": "Compensated-dating invitations and posts online",
            "summary": (
                "Students look at posts on social networks and boards that offer or seek compensated dating, "
                "the crimes behind them and the danger to those who post. They learn the coded words, how "
                "operators monitor posts and take reports, what police online guidance is, and whom to ask for "
                "help."
            ),
            "background": (
                "<p>Social networks and boards carry many inappropriate posts offering or seeking compensated "
                "dating, and children see them often. On cyber patrol the police find children who posted such "
                "messages, contact them and give warnings or guidance.</p>"
                "<p>Paying a child for sex or making a child send nude images are serious crimes by the adult. A "
                "child who is harmed is not to blame and must be protected.</p>"
                "<p>Operators counter such posts with keyword screening, monitoring before posting and report "
                "forms. Cybercrime-prevention volunteers, many of them university students, report the posts they "
                "find on patrol to the operators.</p>"
            ),
            "objectives": [
                "Explain the crimes behind compensated-dating invitations and the danger to those who post.",
                "Recognise the coded words used and decide not to respond.",
                "Know how to report an inappropriate post and whom to ask for help after harm.",
            ],
            "activities": [
                (
                    "Introduction: words we see",
                    5,
                    "An anonymous show of hands or survey on whether students have seen such posts; share the result.",
                    "Survey slips",
                ),
                (
                    "Explanation: what lies behind",
                    12,
                    "Show how offers of money or presents lead to child prostitution, the making of child sexual abuse images and blackmail. Stress that the child is the victim.",
                    "Slides",
                ),
                (
                    "Case study",
                    15,
                    'Groups read an invented chat offering "just dinner" or "pocket money" and analyse what makes it hard to refuse.',
                    "Case sheet",
                ),
                (
                    "Measures and reporting",
                    10,
                    "Explain keyword screening, pre-posting monitoring, report forms and what happens to a report.",
                    "Slides",
                ),
                (
                    "Wrap-up and worksheet",
                    8,
                    "Students note whom to ask and how to respond when a friend confides.",
                    "Worksheet",
                ),
            ],
            "prompts": [
                (
                    'Why is an offer of "just dinner" or "just meeting" not safe?',
                    "Some victims were photographed after meeting and then blackmailed.",
                ),
                (
                    "What can happen if you answer such a post for fun?",
                    "You may end up in contact with the poster; show how to report instead.",
                ),
                (
                    "A friend says they are short of money and got an offer online. How do you respond?",
                    "Listen without blaming and help them reach a trusted adult or a helpline.",
                ),
            ],
            "worksheets": [
                (
                    "Reading the invitation",
                    "Read the post and answer the questions.",
                    [
                        (
                            "scenario",
                            '"High school students: pocket money for just dinner. DM me. Strictly secret."',
                        ),
                        ("question", "Which words in this post are warning signs?", 3),
                        ("question", "What would you do when you see this post?", 3),
                        ("checkbox", "I know where the report button of the service is"),
                        ("checkbox", "I know at least one place to ask for help"),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "filtering-for-guardians",
        "audience": "guardians",
        "duration": 60,
        "version": "1.0",
        "site_types": ["multiple_interaction", "id_exchange", "chat"],
        "measures": ["filtering_cooperation", "internet_zoning", "age_verification"],
        "ja": {
            "title": "保護者のためのフィルタリングと見守り入門",
            "summary": (
                "保護者会や PTA の研修向けの教材です。子どもがコミュニティサイトで被害に遭う現状、"
                "フィルタリングと年齢登録の役割、家庭のルールづくりと、子どもが打ち明けたときの受け止め方を学びます。"
            ),
            "background": (
                "<p>2016年上半期にコミュニティサイトをきっかけに被害に遭った子どものおよそ9割は、"
                "フィルタリングを利用していませんでした。スマートフォンやアプリの普及でフィルタリングの仕組みが複雑になったこと、"
                "子どもが使いたいサイトが見られなくなること、保護者に仕組みや必要性が十分知られていないことが、利用が広がらない理由とされています。</p>"
                "<p>多くのサービスは、携帯電話事業者が持つ利用者の年齢情報を使って、大人から子どもへの接触を制限しています（インターネット・ゾーニング）。"
                "契約の際に、実際に使う子どもの年齢で登録することが、この保護の前提になります。</p>"
            ),
            "objectives": [
                "子どもがコミュニティサイトで被害に遭う現状と、その入口になりやすいサービスを知る。",
                "フィルタリングと、契約時の利用者年齢の登録がどう子どもを守るかを理解する。",
                "家庭のルールを子どもと一緒に決め、打ち明けられたときに責めずに受け止める方法を身につける。",
            ],
            "activities": [
                (
                    "現状を知る",
                    12,
                    "被害児童数の推移、年齢、きっかけとなったサービスの種類を紹介します。",
                    "スライド",
                ),
                (
                    "仕組みを知る：フィルタリングと年齢登録",
                    15,
                    "携帯電話の契約時の利用者登録、フィルタリングの設定、アプリの年齢制限、ゾーニングの関係を図で説明します。",
                    "スライド、設定手順の配布資料",
                ),
                (
                    "家庭のルールづくり",
                    15,
                    "使う時間と場所、知らない人とのやり取り、写真の扱いなど、子どもと話し合うルールの例をワークシートで検討します。",
                    "ワークシート",
                ),
                (
                    "打ち明けられたら",
                    13,
                    "子どもが困ったことを話してくれたときの受け止め方（責めない、証拠を残す、相談する）をロールプレイで練習します。",
                    "",
                ),
                ("質疑とまとめ", 5, "相談先の一覧を確認します。", "相談先一覧"),
            ],
            "prompts": [
                (
                    "お子さんのスマートフォンは、誰の名義・年齢で登録されていますか？",
                    "保護者名義で登録していると、年齢による保護が働かない場合があることを伝えます。",
                ),
                (
                    "「フィルタリングを外して」と頼まれたら、どう話し合いますか？",
                    "一律に外すのではなく、必要なアプリだけ許可する方法があることを紹介します。",
                ),
                ("子どもが話しやすい家庭にするために、今日からできることは何でしょう？", ""),
            ],
            "worksheets": [
                (
                    "わが家のスマホルール",
                    "お子さんと一緒に話し合いながら書き込みましょう。",
                    [
                        ("question", "使う時間と場所のルール：", 2),
                        ("question", "知らない人からメッセージが来たときのルール：", 2),
                        ("checkbox", "利用者登録を子どもの年齢にした"),
                        ("checkbox", "フィルタリングを設定した"),
                        ("checkbox", "困ったときは叱らずに話を聞くと子どもに伝えた"),
                    ],
                ),
            ],
        },
        "en": {
            "title": "Filtering and supervision: an introduction for guardians",
            "summary": (
                "For guardians' meetings and parent-teacher associations. Guardians learn how children come to "
                "harm through community sites, what filtering and the registration of the user's age do, how to "
                "agree family rules and how to respond when a child confides."
            ),
            "background": (
                "<p>About nine in ten children harmed through community sites in the first half of 2016 were "
                "not using filtering. Filtering has become more complicated with smartphones and apps, children "
                "want the sites it blocks, and many guardians do not know how it works or why it matters.</p>"
                "<p>Many services use the age data that mobile carriers hold to limit contact from adults to "
                "children (internet zoning). That protection depends on registering the child who actually uses "
                "the phone, with their age, when signing the contract.</p>"
            ),
            "objectives": [
                "Know how children come to harm through community sites and which services are common entry points.",
                "Understand how filtering and registering the user's age at the carrier protect children.",
                "Agree family rules with the child and respond without blame when the child confides.",
            ],
            "activities": [
                (
                    "The situation",
                    12,
                    "Present the number of child victims, their ages and the kinds of services involved.",
                    "Slides",
                ),
                (
                    "How it works: filtering and age registration",
                    15,
                    "Explain with a diagram how user registration at the carrier, filtering settings, app age limits and zoning fit together.",
                    "Slides, set-up handout",
                ),
                (
                    "Family rules",
                    15,
                    "Work through example rules on time and place of use, contact with strangers and photos.",
                    "Worksheet",
                ),
                (
                    "When a child confides",
                    13,
                    "Role-play responding to a child in trouble: do not blame, keep evidence, ask for help.",
                    "",
                ),
                (
                    "Questions and wrap-up",
                    5,
                    "Go through the list of places to ask for help.",
                    "List of helplines",
                ),
            ],
            "prompts": [
                (
                    "In whose name and with which age is your child's phone registered?",
                    "A phone registered to the guardian may switch off age-based protections.",
                ),
                (
                    "How would you talk it through if your child asks you to turn filtering off?",
                    "Rather than removing it, allow only the apps that are needed.",
                ),
                ("What could you do from today so that your child finds it easy to talk to you?", ""),
            ],
            "worksheets": [
                (
                    "Our family's phone rules",
                    "Fill this in together with your child.",
                    [
                        ("question", "Rules on when and where to use the phone:", 2),
                        ("question", "Rules for messages from people we do not know:", 2),
                        ("checkbox", "The phone is registered with the child's age"),
                        ("checkbox", "Filtering is set up"),
                        ("checkbox", "We told our child we will listen without scolding"),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "teacher-training",
        "audience": "teachers",
        "duration": 90,
        "version": "1.0",
        "site_types": ["multiple_interaction", "id_exchange", "chat", "random_matching"],
        "measures": ["message_monitoring", "internet_zoning", "age_verification", "awareness_talks"],
        "ja": {
            "title": "教職員研修：コミュニティサイトに起因する被害と学校の対応",
            "summary": (
                "教職員向けの校内研修教材です。被害の現状と変化、事業者・警察・ボランティアの取組、"
                "児童生徒から相談を受けたときの初期対応、授業で扱うときの留意点を扱います。"
            ),
            "background": (
                "<p>警察庁がコミュニティサイトに起因する事犯の統計を取り始めた2008年の被害児童は792人でしたが、"
                "2015年には1,652人に増えました。被害の入口は、大手SNSからIDを交換する掲示板、"
                "知らない人同士がチャットするアプリ、多数と交流するSNSへと、数年ごとに移り変わっています。</p>"
                "<p>メッセージの監視やインターネット・ゾーニングを導入した事業者では、被害児童数が大きく減りました。"
                "事業者は、子どもや保護者、教職員向けの講演にも力を入れています。</p>"
                "<p>サイバー防犯ボランティアは2015年末で224団体、9,406人に増え、学生ボランティアを中心に、"
                "子ども向けの啓発活動や不適切な書き込みの通報を行っています。学校の授業に協力を依頼することもできます。</p>"
            ),
            "objectives": [
                "被害の現状と、入口となるサービスが移り変わってきた経緯を説明できる。",
                "事業者、警察、ボランティアの取組と、学校が連携できる場面を挙げられる。",
                "児童生徒から相談を受けたときの初期対応（傾聴、証拠の保全、保護者・警察との連携）を実践できる。",
                "発達段階に応じた授業を計画できる。",
            ],
            "activities": [
                ("現状と推移", 15, "統計の推移と、サービスの種類ごとの変化を解説します。", "スライド"),
                (
                    "関係者の取組",
                    15,
                    "事業者の監視・ゾーニング、警察のサイバーパトロールと補導、ボランティアの活動を紹介します。",
                    "スライド",
                ),
                (
                    "事例検討：相談を受けたら",
                    25,
                    "生徒からSNSで知り合った人に写真を送ってしまったと打ち明けられた事例で、初期対応を班で検討します。",
                    "事例シート",
                ),
                (
                    "授業づくり",
                    25,
                    "この教材集の学年別カリキュラムを見比べ、自校の実態に合わせた授業案を作ります。",
                    "各学年のカリキュラム",
                ),
                ("共有とまとめ", 10, "各班の授業案と初期対応の要点を共有します。", ""),
            ],
            "prompts": [
                (
                    "生徒が被害を打ち明けたとき、最初にかける言葉は何がよいでしょうか？",
                    "「話してくれてありがとう」から始め、叱責や詮索を避けることを確認します。",
                ),
                (
                    "画像やメッセージの証拠は、どのように残し、誰に渡すべきでしょうか？",
                    "教職員が画像を転送・保存して広げないこと、警察に相談することを確認します。",
                ),
                (
                    "入口となるサービスが変わり続ける中で、授業で伝えるべき変わらない原則は何でしょう？",
                    "",
                ),
            ],
            "worksheets": [
                (
                    "初期対応チェックリスト",
                    "事例を読み、対応の順序を確認しましょう。",
                    [
                        (
                            "scenario",
                            "放課後、生徒から「SNSで知り合った人に写真を送ったら、会わないと学校にばらすと言われた」と相談されました。",
                        ),
                        ("checkbox", "責めずに最後まで話を聞いた"),
                        ("checkbox", "やり取りの画面を、生徒の端末に残したまま保全した"),
                        ("checkbox", "管理職と保護者に連絡した"),
                        ("checkbox", "警察（#9110 または最寄りの警察署）に相談した"),
                        ("question", "この事例で、学校として次に取るべき対応を書きましょう。", 4),
                    ],
                ),
                (
                    "授業案メモ",
                    "自校で実施する授業の案を書きましょう。",
                    [
                        ("question", "対象学年と、選んだカリキュラム：", 1),
                        ("question", "自校の実態に合わせて加える内容：", 3),
                        ("question", "保護者への働きかけ：", 2),
                    ],
                ),
            ],
        },
        "en": {
            "title": "Staff training: harm through community sites and how schools respond",
            "summary": (
                "In-school training for teachers on the current situation and how it has changed, what "
                "operators, the police and volunteers do, the first response when a student asks for help, and "
                "points to keep in mind when teaching the subject."
            ),
            "background": (
                "<p>In 2008, when the National Police Agency began counting children harmed through community "
                "sites, there were 792; in 2015 there were 1,652. The entry point moved every few years: from "
                "large social networks to boards for swapping IDs, to chat apps between strangers, to social "
                "networks where users interact with many people.</p>"
                "<p>Operators that introduced message monitoring and internet zoning saw the number of child "
                "victims fall sharply. They also give talks to children, guardians and teachers.</p>"
                "<p>At the end of 2015 there were 224 cybercrime-prevention volunteer groups with 9,406 members, "
                "many of them students, who give awareness sessions for children and report inappropriate posts. "
                "Schools can ask them to help with lessons.</p>"
            ),
            "objectives": [
                "Explain the current situation and how the entry-point services have changed.",
                "Name what operators, the police and volunteers do and where schools can work with them.",
                "Carry out the first response when a student asks for help: listen, keep evidence, involve guardians and police.",
                "Plan lessons suited to the students' age.",
            ],
            "activities": [
                (
                    "Figures and trends",
                    15,
                    "Explain the statistics and the changes by kind of service.",
                    "Slides",
                ),
                (
                    "What others do",
                    15,
                    "Present operators' monitoring and zoning, police cyber patrols and guidance, and volunteers' work.",
                    "Slides",
                ),
                (
                    "Case: a student asks for help",
                    25,
                    "Groups plan the first response to a student who sent photos to someone met on social media.",
                    "Case sheet",
                ),
                (
                    "Planning lessons",
                    25,
                    "Compare the curricula for each age in this collection and draft a lesson for your school.",
                    "Curricula for each age",
                ),
                (
                    "Sharing and wrap-up",
                    10,
                    "Groups share their lesson drafts and the key points of the first response.",
                    "",
                ),
            ],
            "prompts": [
                (
                    "What should your first words be when a student tells you they were harmed?",
                    'Start with "thank you for telling me"; avoid scolding and prying.',
                ),
                (
                    "How should images and messages be kept as evidence, and who should receive them?",
                    "Staff must not forward or copy images; consult the police.",
                ),
                ("As the entry-point services keep changing, which principles stay the same in lessons?", ""),
            ],
            "worksheets": [
                (
                    "First response checklist",
                    "Read the case and check the order of your response.",
                    [
                        (
                            "scenario",
                            'After school a student says: "I sent photos to someone I met on social media. Now they say they will tell my school unless I meet them."',
                        ),
                        ("checkbox", "I listened to the end without blame"),
                        ("checkbox", "The messages were kept on the student's device as they are"),
                        ("checkbox", "I informed the school management and the guardians"),
                        ("checkbox", "I consulted the police"),
                        ("question", "Write what the school should do next in this case.", 4),
                    ],
                ),
                (
                    "Lesson plan notes",
                    "Draft the lesson you will give at your school.",
                    [
                        ("question", "Year group and chosen curriculum:", 1),
                        ("question", "What to add for your school's situation:", 3),
                        ("question", "How to involve guardians:", 2),
                    ],
                ),
            ],
        },
    },
]
