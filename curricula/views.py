from django.utils.translation import gettext_lazy as _

from portal.home.views import AreaView


class IndexView(AreaView):
    extra_context = {
        "area_title": _("Awareness curricula"),
        "area_lead": _(
            "Lesson material on using smartphones and community sites safely, for children of each age, for guardians and for teachers, downloadable as PDF."
        ),
        "empty_message": _("No curriculum has been published yet."),
    }
