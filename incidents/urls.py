from django.urls import path

from . import views
from .views import briefings, patterns, statistics, terms

app_name = "incidents"

pattern_action = patterns.PatternActionView.as_view()
token_action = terms.FeedTokenActionView.as_view()
statistics_csv = statistics.StatisticsCsvView.as_view()

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("patterns/", patterns.PatternListView.as_view(), name="patterns"),
    path("patterns/export.csv", patterns.PatternExportView.as_view(), name="pattern_export"),
    path("patterns/new/", patterns.PatternFormView.as_view(), name="pattern_create"),
    path("patterns/ours/", patterns.OwnPatternsView.as_view(), name="own_patterns"),
    path("patterns/review/", patterns.ReviewQueueView.as_view(), name="review_queue"),
    path("patterns/<int:pk>/", patterns.PatternDetailView.as_view(), name="pattern_detail"),
    path("patterns/<int:pk>/edit/", patterns.PatternFormView.as_view(), name="pattern_edit"),
    path("patterns/<int:pk>/release/", pattern_action, {"action": "release"}, name="pattern_release"),
    path("patterns/<int:pk>/return/", pattern_action, {"action": "return"}, name="pattern_return"),
    path("patterns/<int:pk>/withdraw/", pattern_action, {"action": "withdraw"}, name="pattern_withdraw"),
    path(
        "patterns/<int:pk>/distribution/",
        pattern_action,
        {"action": "distribution"},
        name="pattern_distribution",
    ),
    path("patterns/<int:pk>/react/", pattern_action, {"action": "react"}, name="pattern_react"),
    path("briefings/", briefings.BriefingListView.as_view(), name="briefings"),
    path("briefings/new/", briefings.BriefingCreateView.as_view(), name="briefing_create"),
    path("briefings/<int:pk>/withdraw/", briefings.BriefingWithdrawView.as_view(), name="briefing_withdraw"),
    path(
        "briefings/attachments/<int:pk>/<str:name>",
        briefings.BriefingAttachmentView.as_view(),
        name="briefing_attachment",
    ),
    path("statistics/", statistics.StatisticsView.as_view(), name="statistics"),
    path("statistics/periods.csv", statistics_csv, name="statistics_csv"),
    path("statistics/<int:pk>/breakdown.csv", statistics_csv, name="statistics_breakdown_csv"),
    path("statistics/new/", statistics.StatisticsPeriodFormView.as_view(), name="statistics_create"),
    path("statistics/<int:pk>/edit/", statistics.StatisticsPeriodFormView.as_view(), name="statistics_edit"),
    path("coded-terms/", terms.CodedTermListView.as_view(), name="coded_terms"),
    path("coded-terms/feed.csv", terms.CodedTermFeedView.as_view(), {"feed_format": "csv"}, name="feed_csv"),
    path(
        "coded-terms/feed.json", terms.CodedTermFeedView.as_view(), {"feed_format": "json"}, name="feed_json"
    ),
    path("coded-terms/tokens/", terms.FeedTokensView.as_view(), name="feed_tokens"),
    path("coded-terms/tokens/<int:pk>/rotate/", token_action, {"action": "rotate"}, name="feed_token_rotate"),
    path("coded-terms/tokens/<int:pk>/revoke/", token_action, {"action": "revoke"}, name="feed_token_revoke"),
]
