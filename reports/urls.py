from django.urls import path

from .views import intake, queues, totals

app_name = "reports"

urlpatterns = [
    path("", intake.ReportView.as_view(), name="index"),
    path("received/", intake.ReceiptView.as_view(), name="receipt"),
    path("lookup/", intake.LookupView.as_view(), name="lookup"),
    path("mine/", intake.OwnReportsView.as_view(), name="mine"),
    path("queue/", queues.QueueView.as_view(), name="queue"),
    path("police/", queues.PoliceQueueView.as_view(), name="police_queue"),
    path("<int:pk>/", queues.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/outcome/", queues.OutcomeView.as_view(), name="outcome"),
    path("<int:pk>/reply/", queues.ReplyView.as_view(), name="reply"),
    path("<int:pk>/forward/", queues.ForwardView.as_view(), name="forward"),
    path("<int:pk>/acknowledge/", queues.AcknowledgeView.as_view(), name="acknowledge"),
    path("totals/", totals.TotalsView.as_view(), name="totals"),
    path("totals.csv", totals.TotalsCsvView.as_view(), name="totals_csv"),
]
