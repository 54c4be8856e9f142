from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.home import views as home_views

urlpatterns = [
    # Wagtail's own sign-in and password-reset forms would skip allauth's second factor, email verification
    # and rate limits, so they lead to allauth's pages instead.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/logout/", RedirectView.as_view(pattern_name="account_logout")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("members/notifications/", include("portal.notifications.urls")),
    path("members/", include("portal.members.urls")),
    path("guidelines/", include("guidelines.urls")),
    path("curricula/", include("curricula.urls")),
    path("registry/", include("registry.urls")),
    path("incidents/", include("incidents.urls")),
    path("reports/", include("reports.urls")),
    path("search/", home_views.SearchView.as_view(), name="search"),
    path("search/suggestions/", home_views.search_suggestions, name="search_suggestions"),
    # Wagtail's sign-in form for private pages, like the admin's, would skip allauth's checks.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler403 = home_views.permission_denied
handler404 = home_views.page_not_found
handler500 = home_views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
