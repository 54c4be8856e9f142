"""modelsearch's backend test suite run against the Whoosh backend."""

from django.conf import settings
from django.test import TestCase, override_settings
from modelsearch.query import MATCH_ALL
from modelsearch.test.testapp import models
from modelsearch.tests.test_backends import BackendTests, BackendTestSetupMixin


def create_missing_fixture_rows() -> None:
    """Create the rows that modelsearch 1.3.2's tests use but its ``search`` fixture lacks.

    The tree tests look up MPAnimal and NSAnimal rows named Animal, Mammal,
    Reptile, Dog and Cat, and the nested related fields test looks for a speaker
    named Doyle on an agenda item of the "Stand-up meeting". Without these rows
    those tests fail with DoesNotExist or find nothing, whatever the backend.
    """
    for animal_model in (models.MPAnimal, models.NSAnimal):
        animal = animal_model.add_root(name="Animal")
        mammal = animal.add_child(name="Mammal")
        animal.add_child(name="Reptile")
        mammal.add_child(name="Dog")
        mammal.add_child(name="Cat")
    meeting = models.Meeting.objects.get(name="Stand-up meeting")
    agenda_item = models.AgendaItem.objects.create(meeting=meeting, topic="Sprint review")
    models.Speaker.objects.create(agenda_item=agenda_item, name="Arthur Conan Doyle")


class TestWhooshSearchBackend(BackendTests, TestCase):
    backend_path = "portal.search.backends.whoosh"
    # modelsearch's tests load a fixture named "search"; the copy in FIXTURE_DIRS
    # (see settings.py) carries a longer file name.
    fixtures = ["modelsearch-search-fixture"]

    def setUp(self):
        # Before super().setUp(), which rebuilds the index from the database.
        create_missing_fixture_rows()
        super().setUp()

    def test_reset_indexes(self):
        self.backend.reset_indexes()
        results = self.backend.search("JavaScript", models.Book)
        self.assertEqual(results.count(), 0)


@override_settings(
    MODELSEARCH_BACKENDS={
        "default": {**settings.MODELSEARCH_BACKENDS["default"], "REQUIRE_FILTER_FIELDS": False},
    }
)
class TestWhooshQuerysetRestriction(BackendTestSetupMixin, TestCase):
    """Results, counts, pages and facets stay inside querysets filtered on fields Whoosh does not index."""

    backend_path = "portal.search.backends.whoosh"
    fixtures = ["modelsearch-search-fixture"]

    def test_unindexed_filter_restricts_results(self):
        queryset = models.Book.objects.filter(title__icontains="good")

        results = self.backend.search("JavaScript", queryset)

        self.assertEqual(results.count(), 1)
        self.assertEqual([book.title for book in results], ["JavaScript: The good parts"])

    def test_pk_in_restriction_limits_count_and_pages(self):
        allowed = list(models.Book.objects.filter(title__startswith="The").values_list("pk", flat=True))

        results = self.backend.search(MATCH_ALL, models.Book.objects.filter(pk__in=allowed))
        searched = self.backend.search("the", models.Book.objects.filter(pk__in=allowed[:2]))

        self.assertEqual(results.count(), len(allowed))
        self.assertEqual(len(results[1:3]), 2)
        self.assertEqual(searched.count(), 2)
        self.assertEqual({book.pk for book in searched}, set(allowed[:2]))

    def test_facet_counts_only_restricted_objects(self):
        queryset = models.ProgrammingGuide.objects.filter(title__icontains="python")

        facets = self.backend.search("python", queryset).facet("programming_language")

        self.assertEqual(dict(facets), {"py": 1})

    def test_deleted_object_not_counted(self):
        book = models.Book.objects.get(title="The Hobbit")
        book.delete()

        results = self.backend.search("hobbit", models.Book)

        self.assertEqual(results.count(), 0)
