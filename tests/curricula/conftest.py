"""Fixtures of the curricula tests: curriculum pages in both languages, PDF text and a render counter."""

import io

import pytest
from pypdf import PdfReader
from wagtail.models import Locale

from curricula.models import (
    CurriculumActivity,
    CurriculumIndexPage,
    CurriculumObjective,
    CurriculumPage,
    DiscussionPrompt,
)
from curricula.signals import pdf_rendered
from portal.home.models import HomePage

# Fixtures of the portal's tests: the member factory and the access matrix's sign-in.
from tests.portal.conftest import make_user  # noqa: F401
from tests.portal.test_access_matrix import sign_in_as  # noqa: F401

TITLES = {"ja": "中学生向け：SNSで知り合った人に会う前に", "en": "Before meeting someone from social media"}


def folder(language: str) -> CurriculumIndexPage:
    """Return the curricula folder of ``language``; the English one is the translation of the Japanese one."""
    home = HomePage.objects.get(locale__language_code="ja")
    japanese = CurriculumIndexPage.objects.child_of(home).first()
    if japanese is None:
        japanese = CurriculumIndexPage(title="啓発教材", slug="curricula")
        home.add_child(instance=japanese)
        japanese.save_revision().publish()
    if language == "ja":
        return japanese
    locale = Locale.objects.get(language_code=language)
    translated = japanese.get_translation_or_none(locale)
    if translated is None:
        translated = japanese.copy_for_translation(locale)
        translated.title = "Curricula"
        translated.save_revision().publish()
    return translated


def worksheet(title: str, question: str) -> tuple:
    return (
        "worksheet",
        {
            "title": title,
            "instructions": "Read and answer.",
            "items": [
                ("scenario", "「ID交換しよう。親には内緒ね」とメッセージが来ました。"),
                ("question", {"text": question, "answer_lines": 3}),
                ("checkbox", "本当の年齢を登録している"),
            ],
        },
    )


def build_curriculum(
    language: str = "ja",
    *,
    title: str | None = None,
    slug: str | None = None,
    audience: str = "junior_high",
    duration: int = 50,
    worksheets: int = 2,
    activities: int = 3,
    publish: bool = True,
    background: str = "<p>2015年には1,652人の子どもが被害に遭いました。年齢確認とゾーニングが有効です。</p>",
) -> CurriculumPage:
    """Create a curriculum under the folder of ``language`` and publish it through a revision."""
    title = title or TITLES[language]
    page = CurriculumPage(
        title=title,
        slug=slug or f"curriculum-{CurriculumPage.objects.count() + 1}",
        audience=audience,
        duration_minutes=duration,
        version="1.2",
        summary="SNSで知り合った相手と会う前に考えることを学びます。",
        background=background,
    )
    page.objectives = [
        CurriculumObjective(text="知り合った相手が信頼を得る流れを説明できる。"),
        CurriculumObjective(text="困ったときの相談先を挙げられる。"),
    ]
    page.activities = [
        CurriculumActivity(
            title=f"活動{number}", minutes=10, description="班で話し合います。", materials="スライド"
        )
        for number in range(1, activities + 1)
    ]
    page.discussion_prompts = [DiscussionPrompt(question="年齢を偽ると、どんな保護が外れるだろう？")]
    page.worksheets = [
        worksheet(f"ワーク{number}", f"問い{number}に答えよう。") for number in range(1, worksheets + 1)
    ]
    page.live = publish
    folder(language).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def curriculum(db):
    return build_curriculum()


@pytest.fixture
def english_curriculum(db, curriculum):
    folder("en")
    english = curriculum.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = TITLES["en"]
    english.save_revision().publish()
    english.refresh_from_db()
    return english


@pytest.fixture
def renders():
    """Return the list of ``CurriculumPdf`` records rendered while the test runs."""
    rendered = []

    def record(sender, record, **kwargs):
        rendered.append(record)

    pdf_rendered.connect(record, weak=False)
    yield rendered
    pdf_rendered.disconnect(record)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_reader(content).pages)


def response_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
