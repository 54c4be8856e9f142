from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from portal.members.mixins import MemberRequiredMixin

from . import services
from .models import Notification


class NotificationListView(MemberRequiredMixin, TemplateView):
    """The signed-in member's notifications, newest first, unread ones marked."""

    template_name = "notifications/list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notifications = Notification.objects.filter(recipient=self.request.user)
        page = Paginator(notifications, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, notifications=page.object_list)
        return context


class OpenNotificationView(MemberRequiredMixin, View):
    """Mark one of the member's own notifications read and go to what it is about."""

    def post(self, request, pk: int):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        target = notification.url
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(target)
        return redirect("notifications:list")


class MarkAllReadView(MemberRequiredMixin, View):
    def post(self, request):
        services.mark_read(request.user)
        return redirect("notifications:list")
