"""Replace Wagtail's welcome page with a Japanese home page and its English translation."""

import uuid

from django.db import migrations

HOME_PAGES = [
    # (language, path, title, url_path)
    ("ja", "00010002", "コミュニティサイト事業者協議会ポータル", "/home/"),
    ("en", "00010003", "Community Site Conference Portal", "/home-en/"),
]


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2).delete()
    content_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="home")
    translation_key = uuid.uuid4()
    created = {}
    for language, path, title, url_path in HOME_PAGES:
        locale, _created = Locale.objects.get_or_create(language_code=language)
        created[language] = HomePage.objects.create(
            title=title,
            draft_title=title,
            slug="home" if language == "ja" else "home-en",
            content_type=content_type,
            path=path,
            depth=2,
            numchild=0,
            url_path=url_path,
            locale=locale,
            translation_key=translation_key,
            live=True,
        )
    Page.objects.filter(depth=1).update(numchild=len(HOME_PAGES))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=created["ja"].pk, is_default_site=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_pages, migrations.RunPython.noop)]
