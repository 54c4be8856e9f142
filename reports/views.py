from django.utils.translation import gettext_lazy as _

from portal.home.views import AreaView


class IndexView(AreaView):
    extra_context = {
        "area_title": _("Report a post"),
        "area_lead": _(
            "Report a post on a community site that solicits or endangers children, and follow what happens to it."
        ),
        "empty_message": _(
            "Reporting opens here soon. Until then, contact the operator of the site directly."
        ),
    }
