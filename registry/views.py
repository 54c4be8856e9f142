from django.utils.translation import gettext_lazy as _

from portal.home.views import AreaView


class IndexView(AreaView):
    extra_context = {
        "area_title": _("Registry of measures"),
        "area_lead": _(
            "Which protective measures each operator has adopted for its services, and since when."
        ),
        "empty_message": _("No operator has registered a service yet."),
    }
