"""Consultation responses in the admin: the analysis page and its CSV and XLSX exports, for
the people who run the consultation (`forums.roles.can_manage_consultation`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.exports import csv_response, xlsx_response
from forums.consultations.analysis import export_rows, responses_over_time, summarise
from forums.consultations.forms import AnalysisFilterForm
from forums.models import ConsultationPage, ResponseStatus
from forums.roles import can_manage_consultation


def _managed_consultation(request, consultation_id):
    consultation = get_object_or_404(ConsultationPage, pk=consultation_id)
    if not can_manage_consultation(request.user, consultation):
        raise PermissionDenied
    return consultation


class ConsultationAnalysisView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "list-ul"
    template_name = "forums/admin/consultation_analysis.html"

    def dispatch(self, request, consultation_id):
        self.consultation = _managed_consultation(request, consultation_id)
        return super().dispatch(request, consultation_id)

    def get_page_title(self):
        return _("Responses to %(title)s") % {"title": self.consultation.title}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.consultation.pk]),
                "label": self.consultation.title,
            },
            {"url": "", "label": _("Responses")},
        ]

    def _export_url(self, name):
        return reverse(f"forum_consultations:{name}", args=[self.consultation.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = AnalysisFilterForm(self.request.GET or None)
        summary = summarise(self.consultation, filters)
        query = self.request.GET.urlencode()
        suffix = f"?{query}" if query else ""
        over_time = responses_over_time(self.consultation)
        context.update(
            {
                "consultation": self.consultation,
                "summary": summary,
                "over_time": over_time,
                "filters": filters,
                "filtered": bool(query),
                "drafts": self.consultation.responses.filter(status=ResponseStatus.DRAFT).count(),
                "csv_url": self._export_url("responses_csv") + suffix,
                "xlsx_url": self._export_url("responses_xlsx") + suffix,
            }
        )
        return context


def consultation_csv(request, consultation_id):
    consultation = _managed_consultation(request, consultation_id)
    header, rows = export_rows(consultation, AnalysisFilterForm(request.GET or None))
    return csv_response(f"{consultation.slug}-responses.csv", header, rows)


def consultation_xlsx(request, consultation_id):
    consultation = _managed_consultation(request, consultation_id)
    header, rows = export_rows(consultation, AnalysisFilterForm(request.GET or None))
    return xlsx_response(f"{consultation.slug}-responses.xlsx", header, rows)


class ConsultationResponsesViewSet(ViewSet):
    """Reached from each consultation's "Responses and analysis" button; no menu item."""

    name = "forum_consultations"
    url_prefix = "forums/consultations"
    icon = "list-ul"

    def get_urlpatterns(self):
        return [
            path(
                "<int:consultation_id>/responses/",
                ConsultationAnalysisView.as_view(),
                name="responses",
            ),
            path("<int:consultation_id>/responses.csv", consultation_csv, name="responses_csv"),
            path("<int:consultation_id>/responses.xlsx", consultation_xlsx, name="responses_xlsx"),
        ]
