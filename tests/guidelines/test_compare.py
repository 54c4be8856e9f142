"""Section-by-section comparison of two versions, and the compare view."""

from types import SimpleNamespace

import pytest

from guidelines.compare import DELETE, EQUAL, INSERT, compare_versions, diff_words, tokens
from tests.guidelines.factories import make_guideline, open_consultation, publish

pytestmark = pytest.mark.django_db


def version(*sections, title="題名", summary=""):
    return SimpleNamespace(
        title=title,
        summary=summary,
        sections=[{"anchor": anchor, "heading": heading, "body": body} for anchor, heading, body in sections],
    )


def test_japanese_split_into_script_runs():
    assert tokens("利用者の年齢を確認する") == ["利用者", "の", "年齢", "を", "確認", "する"]


def test_word_diff_marks_inserted_japanese_word():
    segments = diff_words("年齢を確認する", "年齢を必ず確認する")

    assert [(segment.kind, segment.text) for segment in segments] == [
        (EQUAL, "年齢を"),
        (INSERT, "必ず"),
        (EQUAL, "確認する"),
    ]


def test_word_diff_marks_replaced_english_word():
    segments = diff_words("kept for one year", "kept for two years")

    kinds = [segment.kind for segment in segments]
    assert DELETE in kinds
    assert INSERT in kinds
    assert "".join(segment.text for segment in segments if segment.kind != INSERT) == "kept for one year"


def test_sections_matched_by_anchor_not_position():
    old = version(("a", "A", "<p>one</p>"), ("b", "B", "<p>two</p>"))
    new = version(("b", "B", "<p>two</p>"), ("a", "A", "<p>one</p>"))

    comparison = compare_versions(old, new)

    assert [section.kind for section in comparison.sections] == ["unchanged", "unchanged"]


def test_added_removed_and_changed_sections():
    old = version(
        ("keep", "K", "<p>same</p>"), ("gone", "G", "<p>old text</p>"), ("edit", "E", "<p>first text</p>")
    )
    new = version(
        ("keep", "K", "<p>same</p>"), ("edit", "E", "<p>first new text</p>"), ("new", "N", "<p>added</p>")
    )

    comparison = compare_versions(old, new)

    assert [(section.anchor, section.kind) for section in comparison.sections] == [
        ("keep", "unchanged"),
        ("gone", "removed"),
        ("edit", "changed"),
        ("new", "added"),
    ]


def test_heading_change_counts_as_change():
    comparison = compare_versions(
        version(("a", "旧見出し", "<p>x</p>")), version(("a", "新見出し", "<p>x</p>"))
    )

    assert comparison.sections[0].kind == "changed"
    assert comparison.sections[0].heading_changed is True


def test_formatting_change_not_counted():
    comparison = compare_versions(
        version(("a", "A", "<p>text</p>")), version(("a", "A", "<p><b>text</b></p>"))
    )

    assert comparison.has_changes is False


def test_unrelated_paragraph_shown_as_removed_and_added():
    comparison = compare_versions(
        version(("a", "A", "<p>monitoring of messages</p>")),
        version(("a", "A", "<p>zoning by carrier data</p>")),
    )

    assert [paragraph.kind for paragraph in comparison.sections[0].paragraphs] == ["delete", "insert"]


def test_compare_view_marks_changes_without_colour_alone(client):
    page = make_guideline(items=(("scope", "対象", "<p>全てのサイトを対象とする。</p>"),))
    publish(page, label="2.0", items=(("scope", "対象", "<p>全てのアプリとサイトを対象とする。</p>"),))

    response = client.get(page.url + "compare/", {"old": "1.0", "new": "2.0"})
    html = response.content.decode()

    assert response.status_code == 200
    assert '<ins><span class="visually-hidden">[追加: </span>' in html
    assert "アプリと" in html


def test_compare_view_english_labels(client):
    page = make_guideline(language="en", items=(("scope", "Scope", "<p>Every site.</p>"),))
    publish(page, label="2.0", items=(("scope", "Scope", "<p>Every app.</p>"),))

    response = client.get(page.url + "compare/", {"old": "1.0", "new": "2.0"})
    html = response.content.decode()

    assert '<del><span class="visually-hidden">[removed: </span>site' in html
    assert '<ins><span class="visually-hidden">[added: </span>app' in html


def test_compare_rejects_same_version(client):
    page = make_guideline()
    publish(page, label="2.0", items=(("scope", "対象", "<p>改訂</p>"),))

    response = client.get(page.url + "compare/", {"old": "2.0", "new": "2.0"})

    assert response.context["comparison"] is None
    assert "異なる二つの版を選んでください。" in response.content.decode()


def test_compare_with_draft_hidden_from_public(client):
    page = make_guideline()
    open_consultation(page, label="2.0-draft", items=(("scope", "対象", "<p>案の本文</p>"),))

    response = client.get(page.url + "compare/", {"old": "1.0", "new": "2.0-draft"})

    assert response.status_code == 302
    assert response["Location"].startswith("/ja/accounts/login/")


def test_compare_with_draft_open_to_members(client, make_user):
    page = make_guideline()
    open_consultation(page, label="2.0-draft", items=(("scope", "対象", "<p>案の本文</p>"),))
    client.force_login(make_user("operator"))

    response = client.get(page.url + "compare/", {"old": "1.0", "new": "2.0-draft"})

    assert "案の本文" in response.content.decode()
