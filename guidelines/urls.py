from django.urls import path, re_path

from . import views

app_name = "guidelines"

# A guideline page's slug must not take these paths: see RESERVED_SLUGS in guidelines.models.pages.
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("feed/", views.NewVersionsFeed(), name="feed"),
    path("subscriptions/", views.SubscriptionsView.as_view(), name="subscriptions"),
    # Wagtail's own URL pattern refuses dots, which version labels such as 2.0 contain.
    re_path(r"^(?P<subpath>(?:[\w.\-]+/)+)$", views.serve_guideline_page, name="page"),
]
