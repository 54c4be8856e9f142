from django.utils.translation import gettext_lazy as _

from portal.home.views import AreaView
from portal.members.mixins import MemberRequiredMixin


class IndexView(MemberRequiredMixin, AreaView):
    extra_context = {
        "area_title": _("Incident patterns and briefings"),
        "area_lead": _(
            "Anonymized patterns of how offenders operated, shared between members, and briefings from the police."
        ),
        "empty_message": _("Nothing has been shared with your organization yet."),
    }
