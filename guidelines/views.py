from django.utils.translation import gettext_lazy as _

from portal.home.views import AreaView


class IndexView(AreaView):
    extra_context = {
        "area_title": _("Prevention guidelines"),
        "area_lead": _(
            "The guidelines the conference adopts, each version kept readable, and drafts open for comment by members."
        ),
        "empty_message": _("No guideline has been published yet."),
    }
