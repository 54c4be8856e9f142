"""Members' pages: the members area, profile, joining, organization administration and invitations.

Views parse the request, ask ``access`` or call one function of ``services``, then render or redirect with
a message. ``PermissionDenied`` raised by a service becomes the 403 page.
"""

from allauth.account.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from . import access, services
from .forms import EmailLanguageForm, InvitationForm, JoinForm, RoleForm
from .mixins import MemberRequiredMixin
from .models import Invitation, Membership, MembershipRole, MembershipStatus, Organization, User

SECOND_FACTOR_NEXT_SESSION_KEY = "members_after_second_factor"


class DashboardView(MemberRequiredMixin, TemplateView):
    template_name = "members/dashboard.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            may_use_report_queue=access.can_use_report_queue(self.request.user),
            may_read_police_queue=access.can_read_police_queue(self.request.user),
        )
        return context


class ProfileView(LoginRequiredMixin, TemplateView):
    """The signed-in user's account, organization, role and second-factor state.

    A POST changes the language of the emails the portal sends them.
    """

    template_name = "members/profile.html"

    def post(self, request, *args, **kwargs):
        form = EmailLanguageForm(request.POST, instance=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(language_form=form), status=400)
        form.save()
        messages.success(request, _("The portal will write to you in the language you chose."))
        return redirect("members:profile")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        membership = (
            Membership.objects.select_related("organization")
            .filter(user=user)
            .order_by("-requested_at")
            .first()
        )
        current = access.standing(user)
        context.update(
            {
                "membership": membership,
                "current": current,
                "has_totp": current.has_second_factor,
                "has_recovery_codes": Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.RECOVERY_CODES
                ).exists(),
                "requires_second_factor": membership is not None
                and access.organization_requires_second_factor(membership.organization),
                "can_request_membership": access.can_request_membership(user),
                "language_form": kwargs.get("language_form") or EmailLanguageForm(instance=user),
            }
        )
        return context


# Joining


class PendingView(LoginRequiredMixin, TemplateView):
    """Page telling an applicant that their request awaits approval, with a button to withdraw it."""

    template_name = "members/pending.html"

    def get(self, request, *args, **kwargs):
        self.membership = access.pending_membership(request.user)
        if self.membership is None:
            return redirect("members:dashboard")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        membership = access.pending_membership(request.user)
        if membership is None:
            return redirect("members:dashboard")
        try:
            services.withdraw_membership_request(membership, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("members:pending")
        messages.success(request, _("Your request was withdrawn. You can ask to join another organization."))
        return redirect("members:join")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["membership"] = self.membership
        context["organization_approved"] = self.membership.organization.is_approved
        return context


class JoinView(LoginRequiredMixin, FormView):
    """Form for a signed-in user without an active membership to ask to join an organization."""

    template_name = "members/join.html"
    form_class = JoinForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_request_membership(request.user):
            if access.pending_membership(request.user) is not None:
                return redirect("members:pending")
            return redirect("members:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.request_membership(
                self.request.user, form.cleaned_data["organization"], form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your request was sent. You will get an email when it is decided."))
        return redirect("members:pending")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["last_membership"] = (
            Membership.objects.select_related("organization")
            .filter(user=self.request.user)
            .order_by("-requested_at")
            .first()
        )
        return context


# Organization administration


class OwnOrganizationView(MemberRequiredMixin, View):
    """Redirect for an organization admin to the page of their own organization."""

    def get(self, request, *args, **kwargs):
        organization = access.standing(request.user).organization
        if not access.can_manage_organization(request.user, organization):
            raise PermissionDenied
        return redirect("members:organization", pk=organization.pk)


class OrganizationView(MemberRequiredMixin, TemplateView):
    """An organization's members, pending requests and invitations, for its admins and the secretariat.

    A POST sends an invitation.
    """

    template_name = "members/organization.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organization = get_object_or_404(Organization, pk=kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.check_manager()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check_manager()
        form = InvitationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(invitation_form=form), status=400)
        try:
            services.invite(
                self.organization,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                actor=request.user,
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self.render_to_response(self.get_context_data(invitation_form=form), status=400)
        messages.success(
            request,
            _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("members:organization", pk=self.organization.pk)

    def check_manager(self) -> None:
        if not access.can_manage_organization(self.request.user, self.organization):
            raise PermissionDenied

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        memberships = Membership.objects.filter(organization=self.organization).select_related("user")
        members = memberships.filter(status=MembershipStatus.APPROVED).annotate(
            admin_first=Case(
                When(role=MembershipRole.ADMIN, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        context.update(
            {
                "organization": self.organization,
                "members": members.order_by("admin_first", "user__name", "user__email"),
                "pending": memberships.awaiting_decision().order_by("requested_at"),
                "invitations": self.organization.invitations.select_related("invited_by")[:50],
                "invitation_form": kwargs.get("invitation_form") or InvitationForm(),
                "role_choices": MembershipRole.choices,
            }
        )
        return context


class MembershipActionView(MemberRequiredMixin, View):
    """POST-only actions on one membership: approve, reject, change role, end."""

    http_method_names = ["post"]
    success_messages = {
        "approve": gettext_lazy("The request of %(name)s was approved."),
        "reject": gettext_lazy("The request of %(name)s was rejected."),
        "role": gettext_lazy("The role of %(name)s was changed."),
        "end": gettext_lazy("The membership of %(name)s was ended."),
    }

    def post(self, request, pk: int, action: str):
        membership = get_object_or_404(Membership.objects.select_related("user", "organization"), pk=pk)
        try:
            self.perform(action, membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_messages[action] % {"name": membership.user})
        return redirect(self.next_url(membership))

    def perform(self, action: str, membership: Membership) -> None:
        actor = self.request.user
        if action == "approve":
            services.approve_membership(membership, actor=actor)
        elif action == "reject":
            services.reject_membership(membership, actor=actor)
        elif action == "role":
            form = RoleForm(self.request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a valid role."))
            services.change_role(membership, form.cleaned_data["role"], actor=actor)
        elif action == "end":
            services.end_membership(membership, actor=actor)
        else:
            raise Http404

    def next_url(self, membership: Membership) -> str:
        return reverse("members:organization", kwargs={"pk": membership.organization_id})


class RevokeInvitationView(MemberRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        invitation = get_object_or_404(Invitation.objects.select_related("organization"), pk=pk)
        try:
            services.revoke_invitation(invitation, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation was revoked; its link no longer works."))
        return redirect("members:organization", pk=invitation.organization_id)


# Invitations


class InvitationView(View):
    """Target of an invitation link, which accepts it for the invited signed-in user or leads to sign-in or sign-up."""

    problem_template = "members/invitation_problem.html"

    def get(self, request, token: str):
        invitation = Invitation.objects.select_related("organization").filter(token=token).first()
        if invitation is None:
            return self.problem("not_found", status=404)
        if not invitation.is_usable:
            return self.problem(self.unusable_reason(invitation), invitation=invitation, status=410)
        if not request.user.is_authenticated:
            return self.lead_to_account(invitation)
        return self.accept(invitation)

    def accept(self, invitation: Invitation):
        request = self.request
        if not access.can_accept_invitation(request.user, invitation):
            return self.problem("wrong_email", invitation=invitation, status=403)
        try:
            membership = services.accept_invitation(invitation, request.user)
        except ValidationError as error:
            reason = "already_member" if error.code == "already_member" else "unusable"
            return self.problem(reason, invitation=invitation, status=409)
        messages.success(
            request,
            _("Welcome! You are now a member of %(organization)s.")
            % {"organization": membership.organization.display_name},
        )
        return redirect("members:dashboard")

    def lead_to_account(self, invitation: Invitation):
        request = self.request
        if User.objects.filter(email__iexact=invitation.email).exists():
            messages.info(request, _("Sign in to accept the invitation."))
            return redirect_to_login(request.get_full_path())
        get_adapter(request).stash_invitation(request, invitation)
        return redirect("account_signup")

    def unusable_reason(self, invitation: Invitation) -> str:
        if invitation.revoked_at is not None:
            return "revoked"
        if invitation.accepted_at is not None:
            return "used"
        return "expired"

    def problem(self, reason: str, *, invitation: Invitation | None = None, status: int):
        context = {"reason": reason, "invitation": invitation}
        return render(self.request, self.problem_template, context, status=status)


class ForgetInvitationView(View):
    """POST-only action that drops the invitation remembered for sign-up, so the person can join another way."""

    http_method_names = ["post"]

    def post(self, request):
        get_adapter(request).unstash_invitation(request)
        return redirect("account_signup")


# Second factor


class SecondFactorContinueView(LoginRequiredMixin, View):
    """Redirect to the page the user requested before the members area sent them to set up a second factor."""

    def get(self, request):
        target = request.session.pop(SECOND_FACTOR_NEXT_SESSION_KEY, None)
        if target and is_safe_next(request, target):
            return HttpResponseRedirect(target)
        return redirect("members:dashboard")


def is_safe_next(request, url: str) -> bool:
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
