from django.urls import path

from . import views

app_name = "curricula"

# A curriculum page whose slug equals one of these paths would be hidden behind it, so
# ``curricula.models.pages.RESERVED_SLUGS`` rejects such slugs.
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("pack/", views.PackView.as_view(), name="pack"),
]
