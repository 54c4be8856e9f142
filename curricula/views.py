"""Views of the curricula area: the list with its filters, packs, and the routes of a curriculum page.

The list (``/<lang>/curricula/``) and packs (``/<lang>/curricula/pack/``) are Django views; the PDF and
the feedback form are routes of ``CurriculumPage`` that call the functions below.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from portal import pdf
from portal.members import access

from . import documents, services
from .forms import CurriculumFilterForm, FeedbackForm, PackForm
from .models import CurriculumPage

logger = logging.getLogger(__name__)

# Seconds browsers and proxies may reuse a PDF before asking again; the ETag then saves the transfer.
PDF_MAX_AGE = 300
# Query parameters the list's output depends on: its filters and the page number.
LIST_PARAMETERS = frozenset({"audience", "duration", "language", "page"})


class IndexView(TemplateView):
    """Live public curricula of the chosen language, filtered by audience and duration, to tick for a pack."""

    template_name = "curricula/index.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The list is the same for every anonymous visitor with the same query, so the page cache may
        # keep it until the next publish. Invalid filters and page numbers, which show the same content as
        # a valid query or an error, are not stored, so made-up values cannot fill the cache.
        context = response.context_data
        requested_page = request.GET.get("page")
        if context["filter_form"].is_valid() and requested_page in (None, str(context["page_obj"].number)):
            response.portal_cacheable = True
            response.portal_cache_parameters = LIST_PARAMETERS
        return response

    def get_context_data(self, *, pack_form: PackForm | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = CurriculumFilterForm(self.request.GET, default_language=get_language())
        curricula = filter_form.filter(
            access.downloadable_curricula(CurriculumPage.objects.all(), self.request.user)
            .select_related("locale")
            .in_audience_order()
        )
        page_obj = Paginator(curricula, self.paginate_by).get_page(self.request.GET.get("page"))
        pack_form = pack_form or PackForm(user=self.request.user)
        context.update(
            area_title=_("Awareness curricula"),
            filter_form=filter_form,
            pack_form=pack_form,
            selected_ids=pack_form.selected_ids() if pack_form.is_bound else set(),
            page_obj=page_obj,
            curricula=page_obj.object_list,
            is_filtered=any(filter_form.data.get(name) for name in ("audience", "duration")),
            max_pack_size=services.MAX_PACK_SIZE,
        )
        return context


class PackView(IndexView):
    """Several curricula as one PDF. An invalid choice shows the list again with the error on the form."""

    def get(self, request, *args, **kwargs):
        form = PackForm(request.GET, user=request.user)
        if not form.is_valid():
            context = self.get_context_data(pack_form=form, **kwargs)
            return self.render_to_response(context, status=400)

        language = get_language()
        if not services.is_pack_stored(form.pages, language) and not services.consume_pack_render_allowance(
            request
        ):
            form.add_error(
                None,
                _(
                    "You have asked for many new packs in a short time. Download the curricula one by one, "
                    "or try again in an hour."
                ),
            )
            context = self.get_context_data(pack_form=form, **kwargs)
            return self.render_to_response(context, status=429)
        try:
            pdf_file = services.pack_for_download(form.pages, language)
        except services.PdfUnavailable:
            return pdf_unavailable(request)
        for page in form.pages:
            services.count_download(page, in_pack=True)
        name = ngettext(
            "Curricula pack (%(count)d curriculum).pdf",
            "Curricula pack (%(count)d curricula).pdf",
            len(form.pages),
        ) % {"count": len(form.pages)}
        response = pdf.pdf_response(pdf_file.content, name)
        patch_cache_control(response, private=True, max_age=PDF_MAX_AGE)
        return response


def serve_curriculum_pdf(request, page: CurriculumPage):
    """Serve the PDF of a curriculum's live revision from storage, rendering it first if it is not stored yet.

    The response carries an ETag and Last-Modified, so a browser that requests it again gets 304. Only full
    downloads (GET with status 200) are counted.
    """
    if not access.can_download_curriculum(request.user, page):
        # TODO: curricula behind a Wagtail view restriction have no PDF until PDFs can go to private storage.
        raise Http404
    try:
        pdf_file = services.pdf_for_download(page)
    except services.PdfUnavailable:
        return pdf_unavailable(request)

    last_modified = int(pdf_file.rendered_at.timestamp())
    conditional = get_conditional_response(request, etag=pdf_file.etag, last_modified=last_modified)
    if conditional is not None:
        return with_pdf_cache_headers(conditional, pdf_file)

    response = pdf.pdf_response(pdf_file.content, page.pdf_download_name())
    if request.method == "GET":
        services.count_download(services.pdf_source(page))
    return with_pdf_cache_headers(response, pdf_file)


def with_pdf_cache_headers(response, pdf_file: services.PdfFile):
    response["ETag"] = pdf_file.etag
    response["Last-Modified"] = http_date(pdf_file.rendered_at.timestamp())
    # "public" lets shared caches keep the file. The max-age is short because the URL stays the same when a
    # new revision is published, and revalidation with the ETag is cheap.
    patch_cache_control(response, public=True, max_age=PDF_MAX_AGE)
    return response


def pdf_unavailable(request):
    """Return the page shown when a PDF could not be rendered: status 503 and a hint to try again."""
    response = TemplateResponse(request, "curricula/pdf_unavailable.html", {}, status=503)
    response["Retry-After"] = "60"
    return response


def preview_curriculum_pdf(request, page: CurriculumPage):
    """Render the PDF of a draft for the admin's preview, every time, without storing or counting it."""
    try:
        rendered = documents.render_curriculum(page, preview=True)
    except Exception:
        logger.exception("Rendering the preview PDF of curriculum %s failed.", page.pk)
        return pdf_unavailable(request)
    response = pdf.pdf_response(rendered.content, page.pdf_download_name(), inline=True)
    response["Cache-Control"] = "no-store"
    return response


def curriculum_feedback(request, page: CurriculumPage):
    """Show and take the feedback form of a curriculum: a rating and a comment, anonymous or signed in."""
    if not access.can_send_curriculum_feedback(request.user, page):
        raise Http404
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            logger.info("Dropped feedback on curriculum %s that filled in the honeypot field.", page.pk)
            return thank_and_return(request, page)
        if services.consume_feedback_allowance(request):
            services.submit_feedback(
                page,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                language=get_language(),
                user=request.user,
            )
            return thank_and_return(request, page)
        form.add_error(
            None,
            _(
                "You have sent a lot of feedback in a short time. Your text is kept below; send it again later."
            ),
        )
        status = 429
    elif request.method == "POST":
        status = 400
    context = {"page": page, "form": form, "retention_days": settings.CURRICULA_FEEDBACK_RETENTION_DAYS}
    return TemplateResponse(request, "curricula/feedback.html", context, status=status)


def thank_and_return(request, page: CurriculumPage):
    messages.success(request, _("Thank you. The secretariat will read your feedback."))
    return redirect(page.get_url(request))
