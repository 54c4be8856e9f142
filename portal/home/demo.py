"""Demo texts of the home pages in both languages."""

from .models import HomePage

TEXTS = {
    "ja": {
        "lead": "子どもがコミュニティサイトを通じて犯罪の被害に遭うことを防ぐため、事業者、警察、教育関係者、ボランティアが情報と対策を共有する場です。",
        "body": (
            "<p>コミュニティサイトに起因する事犯の被害児童数は、2008年以降ほぼ一貫して増加し、2015年には1,652人に達しました。"
            "当協議会は、ミニメールの監視、インターネット・ゾーニング、フィルタリングの利用促進など、被害を減らしてきた取組を共有し、"
            "新しいサービスにも広げていきます。</p>"
        ),
    },
    "en": {
        "lead": "Operators, the police, educators and volunteers share information and measures here to stop children from falling victim to crime through community sites.",
        "body": (
            "<p>The number of child victims of crime arising from community sites rose almost every year from 2008 and "
            "reached 1,652 in 2015. The conference shares the measures that brought numbers down, such as monitoring "
            "of direct messages, internet zoning and wider use of filtering, and carries them to new services.</p>"
        ),
    },
}


def load() -> None:
    for page in HomePage.objects.select_related("locale"):
        texts = TEXTS.get(page.locale.language_code)
        if texts is None or page.lead:
            continue
        page.lead = texts["lead"]
        page.body = texts["body"]
        page.save_revision().publish()
