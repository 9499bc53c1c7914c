"""The host's logistics of a meeting in the staff workspace: every list on one page, and
each as PDF or XLSX. They hold personal data (names, flights, hotels, needs; never passport
details): the same permission as the list of participants, "Secretariat viewer" and up.
The lists are a few hundred rows at most, so they are made in the request."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from logistics.enums import LogisticsList
from logistics.selectors import summary
from logistics.tables import logistics_table

from .exports import logistics_xlsx
from .pdf.logistics import logistics_pdf
from .views import _meeting, _render, viewer_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@viewer_required
@require_GET
def logistics(request, slug):
    meeting = _meeting(slug)
    return _render(request, "secretariat/logistics.html", {
        "meeting": meeting, "summary": summary(meeting),
        "tables": [logistics_table(meeting, kind) for kind in LogisticsList.values],
    })


@viewer_required
@require_GET
def logistics_export(request, slug, kind, fmt):
    meeting = _meeting(slug)
    if kind not in LogisticsList.values or fmt not in ("pdf", "xlsx"):
        raise Http404
    return table_response(logistics_table(meeting, kind), meeting=meeting, fmt=fmt,
                          filename=f"{kind}-{meeting.slug}.{fmt}")


def table_response(table, *, meeting, fmt, filename):
    """One of the host's lists (`logistics.tables.Table`) as a PDF shown in the browser or
    an XLSX downloaded."""
    if fmt == "pdf":
        response = HttpResponse(logistics_pdf(table, meeting=meeting),
                                content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    else:
        response = HttpResponse(logistics_xlsx(table), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
