from django.urls import path

from . import views

app_name = "members"

membership_action = views.MembershipActionView.as_view()

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("join/", views.JoinView.as_view(), name="join"),
    path("pending/", views.PendingView.as_view(), name="pending"),
    path("organization/", views.OwnOrganizationView.as_view(), name="own_organization"),
    path("organizations/<int:pk>/", views.OrganizationView.as_view(), name="organization"),
    path(
        "memberships/<int:pk>/approve/", membership_action, {"action": "approve"}, name="membership_approve"
    ),
    path("memberships/<int:pk>/reject/", membership_action, {"action": "reject"}, name="membership_reject"),
    path("memberships/<int:pk>/role/", membership_action, {"action": "role"}, name="membership_role"),
    path("memberships/<int:pk>/end/", membership_action, {"action": "end"}, name="membership_end"),
    path("invitations/forget/", views.ForgetInvitationView.as_view(), name="invitation_forget"),
    path("invitations/<int:pk>/revoke/", views.RevokeInvitationView.as_view(), name="invitation_revoke"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path("second-factor/continue/", views.SecondFactorContinueView.as_view(), name="second_factor_continue"),
]
