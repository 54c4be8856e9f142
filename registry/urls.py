from django.urls import path

from .views import manage, onboarding, public, review

app_name = "registry"

urlpatterns = [
    # Public
    path("", public.IndexView.as_view(), name="index"),
    path("export.csv", public.ExportView.as_view(format="csv"), name="export_csv"),
    path("export.json", public.ExportView.as_view(format="json"), name="export_json"),
    path("coverage/", public.CoverageView.as_view(), name="coverage"),
    path("operators/", public.OperatorListView.as_view(), name="operators"),
    path("operators/<int:pk>/", public.OperatorView.as_view(), name="operator"),
    path("certificates/<str:code>/", public.CertificateView.as_view(), name="certificate"),
    # Operators' records
    path("manage/", manage.ManageIndexView.as_view(), name="manage"),
    path("manage/<int:pk>/", manage.OrganizationRecordsView.as_view(), name="manage_organization"),
    path("manage/<int:organization>/services/add/", manage.ServiceFormView.as_view(), name="service_add"),
    path("services/<int:pk>/", manage.ServiceDetailView.as_view(), name="service"),
    path("services/<int:pk>/edit/", manage.ServiceFormView.as_view(), name="service_edit"),
    path("services/<int:service>/adoptions/add/", manage.AdoptionFormView.as_view(), name="adoption_add"),
    path("adoptions/<int:pk>/edit/", manage.AdoptionFormView.as_view(), name="adoption_edit"),
    path("adoptions/<int:pk>/evidence/add/", manage.EvidenceAddView.as_view(), name="evidence_add"),
    path("evidence/<int:pk>/file/", manage.EvidenceFileView.as_view(), name="evidence_file"),
    path("evidence/<int:pk>/remove/", manage.EvidenceRemoveView.as_view(), name="evidence_remove"),
    # Reviewers
    path("review/", review.ReviewQueueView.as_view(), name="review_queue"),
    path("adoptions/<int:pk>/review/", review.AdoptionReviewView.as_view(), name="adoption_review"),
    # Onboarding
    path("onboarding/", onboarding.OwnChecklistView.as_view(), name="own_checklist"),
    path("onboarding/overview/", onboarding.OnboardingOverviewView.as_view(), name="onboarding_overview"),
    path("onboarding/<int:pk>/", onboarding.ChecklistView.as_view(), name="checklist"),
    path(
        "onboarding/<int:pk>/certificate.pdf", onboarding.CertificatePDFView.as_view(), name="certificate_pdf"
    ),
    path(
        "onboarding/<int:pk>/certificate/revoke/",
        onboarding.RevokeCertificateView.as_view(),
        name="certificate_revoke",
    ),
    path("onboarding/items/<int:pk>/", onboarding.ChecklistItemView.as_view(), name="checklist_item"),
    path(
        "onboarding/items/<int:pk>/verify/", onboarding.VerifyItemView.as_view(), name="checklist_item_verify"
    ),
]
