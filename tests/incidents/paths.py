"""URLs of the incidents area in a given language, whatever language an earlier request left active."""

from django.urls import reverse
from django.utils import translation


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"incidents:{name}", kwargs=kwargs or None)
