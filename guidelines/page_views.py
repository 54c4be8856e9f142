"""The views behind a guideline page's routes: versions, comparison, comments, acknowledgement, subscription.

``GuidelinePage`` routes each request here. Every view checks ``portal.members.access`` before it reads or
changes anything, and makes changes through ``guidelines.services``.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.members import access
from portal.members.mixins import refusal_response
from registry.models import Measure

from . import compare as comparing
from . import services
from .forms import CommentForm, CompareForm, EditCommentForm, HideCommentForm, ReplyForm, StatusForm
from .models import (
    Acknowledgement,
    Comment,
    CommentStatus,
    GuidelineVersion,
    Subscription,
    VersionState,
)
from .models.comments import COMMENT_MAX_LENGTH
from .threads import threads_for

logger = logging.getLogger(__name__)

VERSION_TEMPLATE = "guidelines/guideline_page.html"


# Reading versions


def current_version(page, request):
    """Show the version in force; members see the draft under consultation when nothing is in force yet."""
    version = page.versions.in_force().first()
    if version is None or not access.can_read_guideline_version(request.user, version):
        version = page.versions.consultation().first()
    if version is None:
        raise Http404
    refusal = refusal_response(request, access.guideline_version_decision(request.user, version))
    if refusal is not None:
        return refusal
    return render_version(page, request, version, is_canonical=True)


def version_detail(page, request, label: str):
    version = _readable_version(page, request, label)
    if not isinstance(version, GuidelineVersion):
        return version
    return render_version(page, request, version)


def _readable_version(page, request, label: str, *, next_url: str | None = None):
    """Return the version labelled ``label``, or the response that refuses it to this reader."""
    version = get_object_or_404(page.versions, label=label)
    decision = access.guideline_version_decision(request.user, version)
    if decision is access.Decision.DENY and version.is_public:
        # A public version is denied only when its guideline was unpublished: it is gone for everyone.
        raise Http404
    refusal = refusal_response(request, decision, next_url=next_url)
    return refusal if refusal is not None else version


def preview(page, request):
    """Show the editor's unsaved text as readers would see it, without comments."""
    from . import versioning

    text = versioning.snapshot(page.title, page.summary, page.sections)
    version = GuidelineVersion(
        guideline=page,
        label=page.version_label or "?",
        state=VersionState.IN_FORCE,
        is_major=page.is_major_change,
        change_note=page.change_note,
        effective_date=page.effective_date,
        title=text["title"],
        summary=text["summary"],
        sections=text["sections"],
        published_at=timezone.now(),
    )
    return render_version(page, request, version, is_preview=True)


def render_version(
    page,
    request,
    version: GuidelineVersion,
    *,
    is_canonical: bool = False,
    is_preview: bool = False,
    comment_form: CommentForm | None = None,
    reply_form: ReplyForm | None = None,
    reply_to: int | None = None,
    status: int = 200,
):
    """Render one version with its comment threads, forms and notices; ``is_preview`` shows unsaved text."""
    user = request.user
    threads = threads_for(version, user)
    _attach_reply_form(threads, reply_form, reply_to)
    can_comment = not is_preview and access.can_comment_on_guideline(user, version)
    sections = _sections(version, threads, comment_form if can_comment else None, can_comment)

    versions = list(page.versions.visible_to(user).select_related("guideline"))
    in_force = next((other for other in versions if other.is_in_force), None) if not is_preview else None
    drafts = [other for other in versions if other.is_consultation and other.pk != version.pk]

    context = {
        "version": version,
        "sections": sections,
        "removed_threads": threads.removed_sections,
        "comment_total": threads.total,
        "in_force": in_force,
        "drafts": drafts,
        "versions": versions,
        "previous": _previous_of(version, versions),
        "measures": Measure.objects.filter(pk__in=version.measure_ids).prefetch_related("site_types"),
        "topics": list(page.topics.all()),
        "is_canonical": is_canonical,
        "is_preview": is_preview,
        "can_comment": can_comment,
        "consultation_open": version.consultation_is_open(),
        "show_names": access.can_see_guideline_commenter_names(user),
        "official": access.can_answer_guideline_comments(user),
        "status_choices": CommentStatus.choices,
        "comment_max_length": COMMENT_MAX_LENGTH,
        "compare_url": page.url_for_route("compare"),
        "subscription_url": page.url_for_route("subscription"),
        "comment_url": page.url_for_route("comment", label=version.label) if version.pk else "",
        "acknowledge_url": page.url_for_route("acknowledge", label=version.label) if version.pk else "",
        "acknowledgement": _acknowledgement(user, version),
        "can_acknowledge": not is_preview and access.can_acknowledge_guideline_version(user, version),
        "can_subscribe": not is_preview and access.can_subscribe_to_guidelines(user),
        "is_subscribed": _is_subscribed(user, page),
    }
    response = page.render(request, template=VERSION_TEMPLATE, context_overrides=context)
    response.status_code = status
    return response


def _sections(version, threads, comment_form: CommentForm | None, can_comment: bool) -> list[dict]:
    """The version's sections with their threads and, where the reader may comment, a comment form each.

    The form just submitted with errors goes back under its own section with what was typed.
    """
    sections = []
    for section in version.sections:
        anchor = section["anchor"]
        form = None
        if can_comment:
            is_bound_here = comment_form is not None and comment_form.initial.get("section") == anchor
            form = comment_form if is_bound_here else CommentForm(anchor=anchor)
        sections.append({**section, "threads": threads.by_section.get(anchor, []), "form": form})
    return sections


def _attach_reply_form(threads, bound_form, bound_to: int | None) -> None:
    """Put the reply form just submitted, with its errors and what was typed, back under its comment.

    The other comments get the same fields written out by the template, which is far cheaper per comment.
    """
    if bound_form is None:
        return
    all_threads = [thread for group in threads.by_section.values() for thread in group]
    for thread in all_threads + threads.removed_sections:
        for item in thread.items:
            if item.comment.pk == bound_to:
                item.reply_form = bound_form


def _previous_of(version: GuidelineVersion, versions: list[GuidelineVersion]) -> GuidelineVersion | None:
    earlier = [other for other in versions if other.sequence < (version.sequence or 0)]
    return max(earlier, key=lambda other: other.sequence) if earlier else None


def _acknowledgement(user, version) -> Acknowledgement | None:
    organization = access.standing(user).organization
    if organization is None or version.pk is None:
        return None
    return (
        Acknowledgement.objects.filter(version=version, organization=organization)
        .select_related("user")
        .first()
    )


def _is_subscribed(user, page) -> bool:
    if not access.can_subscribe_to_guidelines(user):
        return False
    return Subscription.objects.filter(user=user, guideline=page).exists()


def compare(page, request):
    """Compare two versions section by section; both must be readable by the reader."""
    versions = list(page.versions.visible_to(request.user).order_by("sequence"))
    refusal = _refuse_unreadable(page, request, versions)
    if refusal is not None:
        return refusal
    if len(versions) < 2:
        raise Http404

    labels = [(version.label, _version_choice_label(version)) for version in reversed(versions)]
    data = request.GET if "old" in request.GET or "new" in request.GET else None
    form = CompareForm(data, labels=labels, initial=_default_pair(versions))
    comparison = old = new = None
    if data is None or form.is_valid():
        chosen = form.cleaned_data if data is not None else form.initial
        by_label = {version.label: version for version in versions}
        old, new = sorted(
            (by_label[chosen["old"]], by_label[chosen["new"]]), key=lambda version: version.sequence
        )
        comparison = comparing.compare_versions(old, new)

    context = {"form": form, "comparison": comparison, "old": old, "new": new, "versions": versions}
    return page.render(request, template="guidelines/compare.html", context_overrides=context)


def _refuse_unreadable(page, request, readable: list[GuidelineVersion]):
    """Send to sign-in a reader who asks to compare a draft, or who may read no version at all.

    Members see drafts, so the response is the one a draft's own page gives; for public versions of an
    unpublished guideline the view answers 404 instead.
    """
    labels = {version.label for version in readable}
    wanted = [
        label for label in (request.GET.get("old"), request.GET.get("new")) if label and label not in labels
    ]
    hidden = page.versions.filter(label__in=wanted, in_force_since__isnull=True).first()
    if hidden is None and not readable:
        hidden = page.versions.filter(in_force_since__isnull=True).first()
    if hidden is None:
        return None
    return refusal_response(request, access.guideline_version_decision(request.user, hidden))


def _version_choice_label(version: GuidelineVersion) -> str:
    return _("%(label)s (%(state)s)") % {"label": version.label, "state": version.get_state_display()}


def _default_pair(versions: list[GuidelineVersion]) -> dict:
    """The version in force (or the newest) and the one before it."""
    newest = next((version for version in versions if version.is_in_force), versions[-1])
    position = versions.index(newest)
    older = versions[position - 1] if position > 0 else versions[1]
    if older.sequence > newest.sequence:
        older, newest = newest, older
    return {"old": older.label, "new": newest.label}


# Comments


def post_comment(page, request, label: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    version = _readable_version(page, request, label, next_url=page.url_for_route("version", label=label))
    if not isinstance(version, GuidelineVersion):
        return version
    refusal = refusal_response(
        request, access.members_area_decision(request.user), next_url=version.get_absolute_url()
    )
    if refusal is not None:
        return refusal
    if not access.can_comment_on_guideline(request.user, version):
        messages.error(request, _("This version no longer takes comments."))
        return redirect(version.get_absolute_url())
    anchor = request.POST.get("section", "")
    form = CommentForm(request.POST, anchor=anchor)
    if form.is_valid():
        try:
            comment = services.post_comment(
                request.user, version, anchor=form.cleaned_data["section"], body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your comment was posted."))
            return redirect(f"{version.get_absolute_url()}#{comment.element_id}")
    if anchor not in version.section_map:
        raise Http404
    return render_version(page, request, version, comment_form=form, status=400)


def reply(page, request, comment_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    parent = _comment_on(page, request, comment_id)
    if not isinstance(parent, Comment):
        return parent
    shown_on = _shown_on(page, parent, request.POST.get("shown_on", ""), request.user)
    if not access.can_reply_to_guideline_comment(request.user, parent):
        messages.error(request, _("This thread no longer takes replies."))
        return redirect(f"{shown_on.get_absolute_url()}#{parent.element_id}")
    official = access.can_answer_guideline_comments(request.user)
    form = ReplyForm(request.POST, comment_id=parent.pk, official=official)
    if form.is_valid():
        try:
            created = services.post_reply(
                request.user,
                parent,
                body=form.cleaned_data["body"],
                status=form.cleaned_data.get("status") or None,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Your response was posted.") if official else _("Your reply was posted.")
            )
            return redirect(f"{shown_on.get_absolute_url()}#{created.element_id}")
    return render_version(page, request, shown_on, reply_form=form, reply_to=parent.pk, status=400)


def edit_comment(page, request, comment_id: int):
    comment = _comment_on(page, request, comment_id)
    if not isinstance(comment, Comment):
        return comment
    if not access.can_edit_guideline_comment(request.user, comment):
        return _too_late(request, comment)
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(request.user, comment, body=form.cleaned_data["body"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your comment was updated."))
            return redirect(f"{comment.version.get_absolute_url()}#{comment.element_id}")
    return _render_comment_page(page, request, comment, "guidelines/comment_edit.html", form=form)


def withdraw_comment(page, request, comment_id: int):
    comment = _comment_on(page, request, comment_id)
    if not isinstance(comment, Comment):
        return comment
    if not access.can_withdraw_guideline_comment(request.user, comment):
        return _too_late(request, comment)
    if request.method == "POST":
        services.withdraw_comment(request.user, comment)
        messages.success(request, _("Your comment was withdrawn."))
        return redirect(f"{comment.version.get_absolute_url()}#{comment.element_id}")
    return _render_comment_page(page, request, comment, "guidelines/comment_withdraw.html")


def comment_history(page, request, comment_id: int):
    comment = _comment_on(page, request, comment_id)
    if not isinstance(comment, Comment):
        return comment
    if not access.can_see_guideline_comment_history(request.user, comment):
        raise PermissionDenied
    return _render_comment_page(
        page, request, comment, "guidelines/comment_history.html", edits=list(comment.edits.all())
    )


def moderate_comment(page, request, comment_id: int):
    """Hide a comment with a reason, or show a hidden one again (the secretariat)."""
    comment = _comment_on(page, request, comment_id)
    if not isinstance(comment, Comment):
        return comment
    if not access.can_moderate_guideline_comments(request.user):
        raise PermissionDenied
    target = f"{comment.version.get_absolute_url()}#{comment.element_id}"
    if comment.is_hidden:
        if request.method == "POST":
            services.restore_comment(request.user, comment)
            messages.success(request, _("The comment shows again."))
            return redirect(target)
        return _render_comment_page(page, request, comment, "guidelines/comment_moderate.html")
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_comment(request.user, comment, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The comment is hidden."))
            return redirect(target)
    return _render_comment_page(page, request, comment, "guidelines/comment_moderate.html", form=form)


def set_comment_status(page, request, comment_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment = _comment_on(page, request, comment_id)
    if not isinstance(comment, Comment):
        return comment
    if not access.can_set_guideline_comment_status(request.user, comment):
        raise PermissionDenied
    form = StatusForm(request.POST)
    shown_on = _shown_on(page, comment, request.POST.get("shown_on", ""), request.user)
    if form.is_valid():
        services.set_status(request.user, comment, form.cleaned_data["status"])
        messages.success(
            request, _("The status is now “%(status)s”.") % {"status": comment.get_status_display()}
        )
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect(f"{shown_on.get_absolute_url()}#{comment.element_id}")


def _comment_on(page, request, comment_id: int):
    """Return a comment on this guideline that the signed-in member may read, or the response refusing it."""
    refusal = refusal_response(request, access.members_area_decision(request.user), next_url=page.get_url())
    if refusal is not None:
        return refusal
    comment = get_object_or_404(
        Comment.objects.select_related("version__guideline", "thread", "author", "organization"),
        pk=comment_id,
        version__guideline=page,
    )
    if not access.can_read_guideline_version(request.user, comment.version):
        raise Http404
    return comment


def _shown_on(page, comment: Comment, label: str, user) -> GuidelineVersion:
    """Return the version the reader acted on: the thread's own or one it was carried to, else its own."""
    thread = comment.root
    if label and label != thread.version.label:
        carried = page.versions.filter(label=label, carried_comments__comment=thread).first()
        if carried is not None and access.can_read_guideline_version(user, carried):
            return carried
    return thread.version


def _too_late(request, comment: Comment):
    """Refuse a change to someone else's comment, or explain to its author that the time for changes is over."""
    if comment.author_id is None or comment.author_id != request.user.pk:
        raise PermissionDenied
    messages.error(request, _("This comment can no longer be changed."))
    return redirect(f"{comment.version.get_absolute_url()}#{comment.element_id}")


def _render_comment_page(page, request, comment: Comment, template: str, **context):
    context.update(
        comment=comment,
        version=comment.version,
        heading=comment.version.section_heading(comment.section_anchor),
        show_names=access.can_see_guideline_commenter_names(request.user),
    )
    return page.render(request, template=template, context_overrides=context)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field_name, messages_for_field in error.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, messages_for_field)
    else:
        form.add_error(None, error.messages)


# Acknowledgement and subscription


def acknowledge(page, request, label: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    version = _readable_version(page, request, label, next_url=page.url_for_route("version", label=label))
    if not isinstance(version, GuidelineVersion):
        return version
    refusal = refusal_response(
        request, access.members_area_decision(request.user), next_url=version.get_absolute_url()
    )
    if refusal is not None:
        return refusal
    _acknowledgement_record, created = services.acknowledge_version(request.user, version)
    organization = access.standing(request.user).organization
    if created:
        messages.success(
            request,
            _("Recorded that %(organization)s has read version %(label)s.")
            % {"organization": organization, "label": version.label},
        )
    else:
        messages.info(request, _("Your organization had already recorded reading this version."))
    return redirect(version.get_absolute_url())


def toggle_subscription(page, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refusal = refusal_response(request, access.members_area_decision(request.user), next_url=page.get_url())
    if refusal is not None:
        return refusal
    if request.POST.get("subscribe") == "1":
        services.subscribe(request.user, guideline=page)
        messages.success(request, _("You will hear of major new versions of this guideline."))
    else:
        services.unsubscribe(request.user, guideline=page)
        messages.success(request, _("You no longer follow this guideline."))
    return redirect(page.get_url())
