"""The editor's form for a guideline page, which checks the version fields before publishing."""

from wagtail.admin.forms import WagtailAdminPageForm

from . import versioning

PUBLISH_ACTION = "action-publish"
CONSULTATION_ACTION = "action-open-consultation"


class GuidelinePageForm(WagtailAdminPageForm):
    """Check the version label, change note and closing time when the editor publishes or opens a consultation.

    Saving a draft checks none of them, so an editor can save work in progress under any label.
    """

    @property
    def publishing_action(self) -> str | None:
        if self.data.get(CONSULTATION_ACTION):
            return CONSULTATION_ACTION
        if self.data.get(PUBLISH_ACTION):
            return PUBLISH_ACTION
        return None

    def defer_required_fields(self):
        # Wagtail relaxes required fields for every action other than publishing, which would let a draft
        # for consultation go out without a title or sections.
        if self.publishing_action == CONSULTATION_ACTION:
            return
        super().defer_required_fields()

    def clean(self):
        cleaned_data = super().clean()
        action = self.publishing_action
        # The text is compared with published versions, which needs every part of it to be valid first.
        if action is None or any(name not in cleaned_data for name in ("title", "summary", "sections")):
            return cleaned_data
        text = versioning.snapshot(cleaned_data["title"], cleaned_data["summary"], cleaned_data["sections"])
        plan = versioning.plan_version(
            self.instance,
            text,
            label=cleaned_data.get("version_label", ""),
            is_major=cleaned_data.get("change_kind") == "major",
            change_note=cleaned_data.get("change_note", ""),
            closes_at=cleaned_data.get("consultation_closes_at"),
            consultation=action == CONSULTATION_ACTION,
        )
        for field_name, message in plan.errors.items():
            self.add_error(field_name, message)
        return cleaned_data
