"""StreamField blocks of curriculum pages: worksheets that print on pages of their own."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuestionBlock(blocks.StructBlock):
    """A question with ruled lines for the written answer."""

    text = blocks.CharBlock(label=_("Question"), max_length=300)
    answer_lines = blocks.IntegerBlock(
        label=_("Answer lines"),
        default=3,
        min_value=0,
        max_value=12,
        help_text=_("Number of ruled lines printed under the question for the answer."),
    )

    class Meta:
        icon = "help"
        label = _("Question")


class WorksheetItemsBlock(blocks.StreamBlock):
    scenario = blocks.TextBlock(
        label=_("Scenario"), help_text=_("A short situation the participants read before answering.")
    )
    question = QuestionBlock()
    checkbox = blocks.CharBlock(
        label=_("Item to tick"), max_length=200, help_text=_("Printed with an empty box to tick.")
    )

    class Meta:
        label = _("Items")


class WorksheetBlock(blocks.StructBlock):
    """One worksheet: a title, instructions and items. In the PDF each worksheet starts on a new page."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    instructions = blocks.TextBlock(label=_("Instructions"), required=False)
    items = WorksheetItemsBlock()

    class Meta:
        icon = "doc-full"
        label = _("Worksheet")
        template = "curricula/blocks/worksheet.html"
