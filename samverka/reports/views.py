from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from samverka.core import permissions
from samverka.core.editing import form_flow
from samverka.core.exports import csv_response, xlsx_bytes, xlsx_response
from samverka.core.models import Municipality
from samverka.core.pdf import pdf_response
from samverka.core.permissions import place_for
from samverka.reports import columns, cycle, overview, selectors, services, survey
from samverka.reports import jobs as report_jobs
from samverka.reports.forms import DocumentForm, NextPeriodForm, PeriodForm, SettingsForm, YearlyFollowUpForm
from samverka.reports.models import ProgrammeDocument, YearlyFollowUp


@login_required
def index(request):
    return render(
        request,
        "reports/index.html",
        {
            "counties": selectors.counties_for(request.user),
            "municipalities": permissions.municipalities_for(request.user),
        },
    )


def _overview(request, county_slug):
    return overview.county_overview(county_slug, request.user, request.GET)


@login_required
def county_overview(request, county):
    county, cols, rows, sort, descending = _overview(request, county)
    headers = [
        {
            "key": c.key,
            "title": c.title,
            "group": c.group,
            "help": c.help,
            "sorted": sort == c.key,
            "next_dir": "asc" if sort == c.key and descending else "desc",
        }
        for c in cols
    ]
    return render(
        request,
        "reports/county.html",
        {
            "county": county,
            "headers": headers,
            "rows": rows,
            "sort": sort,
            "descending": descending,
            "query": request.GET.urlencode(),
            "indicator_query": "".join(f"&indicator={i}" for i in request.GET.getlist("indicator")[:6]),
            "indicators": columns.indicator_choices(),
            "chosen": set(request.GET.getlist("indicator")),
        },
    )


@login_required
def county_overview_export(request, county, fmt):
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    if request.method == "POST" and fmt in report_jobs.FORMATS:
        # The page's buttons: a big county's PDF or workbook is made by a background job, and its page
        # offers the file when done.
        permissions.county_for(request.user, county)  # 404 before any job for a county not theirs
        job = report_jobs.county_export_start(
            user=request.user, county_slug=county, fmt=fmt, query=request.GET
        )
        return redirect("jobs:job", pk=job.pk)
    county, cols, rows, sort, descending = _overview(request, county)
    name = overview.export_name(county)
    if fmt == "csv":
        return csv_response(f"{name}.csv", *overview.table(cols, rows))
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", {str(county.name): overview.table(cols, rows)})
    return pdf_response(
        request,
        "reports/county_pdf.html",
        {"county": county, "columns": cols, "rows": rows, "today": timezone.localdate()},
        f"{name}.pdf",
    )


@login_required
def municipality(request, slug):
    place = place_for(request.user, slug)
    meta, _questions = survey.survey()
    rows = [
        {"question": q, "answer": a, "status": survey.status_label(a.status)}
        for q, a in survey.answers_for(place)
    ]
    return render(
        request,
        "reports/municipality.html",
        {
            "municipality": place,
            "survey": meta,
            "rows": rows,
            "answered": sum(1 for r in rows if r["answer"].status == survey.ANSWERED),
            "can_edit": permissions.can(request.user, services.EDIT_ACTION, place),
            "settings": services.settings_for(place),
            "documents": ProgrammeDocument.objects.filter(municipality=place),
        },
    )


@login_required
def survey_xlsx(request, slug, name="lansrapporten"):
    place = place_for(request.user, slug)
    meta, _questions = survey.survey(name)
    header = [_("Question"), _("Section"), _("Question text"), _("Answer"), _("Source"), _("Status")]
    rows = [
        [q.id, q.section, q.text, a.value, a.source, survey.status_label(a.status)]
        for q, a in survey.answers_for(place, name=name)
    ]
    about = [
        [_("Survey"), meta["title"]],
        [_("Year"), meta["year"]],
        [_("Municipality"), f"{place.name} ({place.code})"],
        [_("Exported"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        [
            pgettext("a remark, NB", "Note"),
            _("Answers marked as not answerable from Samverka's data are to be filled in by hand."),
        ],
    ]
    body = xlsx_bytes({meta["sheet"]: (header, rows), _("About"): ([_("Field"), _("Value")], about)})
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{meta["year"]}-{place.slug}.xlsx"'
    return response


@login_required
def settings_edit(request, slug):
    place = place_for(request.user, slug, services.EDIT_ACTION)
    instance = services.settings_for(place)
    form = SettingsForm(request.POST or None, instance=instance)
    return form_flow(
        request,
        form,
        lambda: services.settings_update(
            user=request.user, municipality=place, data=form.cleaned_data, opened_version=form.opened_version
        ),
        template="reports/settings.html",
        context={"municipality": place},
        done=lambda _saved: reverse("reports:municipality", kwargs={"slug": place.slug}),
        success=_("The settings are saved."),
    )


@login_required
def document_edit(request, slug, pk=None):
    place = place_for(request.user, slug, services.EDIT_ACTION)
    if pk is None:
        document = ProgrammeDocument(municipality=place)
    else:
        document = permissions.get_for_user(
            request.user, ProgrammeDocument.objects.filter(municipality=place), services.EDIT_ACTION, pk=pk
        )
    form = DocumentForm(request.POST or None, instance=document)
    return form_flow(
        request,
        form,
        lambda: services.programme_document_save(
            user=request.user, document=document, data=form.cleaned_data
        ),
        template="reports/document.html",
        context={"municipality": place, "document": document, "is_new": pk is None},
        done=lambda _saved: reverse("reports:municipality", kwargs={"slug": place.slug}),
        success=_("The document is saved."),
    )


@login_required
@require_POST
def document_delete(request, slug, pk):
    place = place_for(request.user, slug, services.EDIT_ACTION)
    document = permissions.get_for_user(
        request.user, ProgrammeDocument.objects.filter(municipality=place), services.EDIT_ACTION, pk=pk
    )
    services.programme_document_delete(user=request.user, document=document)
    messages.success(request, _("The document is removed."))
    return redirect("reports:municipality", slug=place.slug)


# ------------------------------------------------------------------------------------ the yearly cycle


@login_required
def periods(request, slug):
    place = place_for(request.user, slug, of=permissions.ANY_PLACE)
    can_create = permissions.can_publish(request.user, place)
    form = PeriodForm(request.POST or None)
    return form_flow(
        request,
        form,
        (
            lambda: cycle.period_create(
                user=request.user,
                owner=place,
                first_year=form.cleaned_data["first_year"],
                last_year=form.cleaned_data["last_year"],
            )
        )
        if can_create
        else None,
        template="reports/periods.html",
        context={
            "place": place,
            "periods": cycle.periods_for(place),
            "can_create": can_create,
            "today": timezone.localdate(),
        },
        done=lambda period: period,
        success=_("The period is created."),
    )


@login_required
def period(request, pk):
    item = cycle.period_for(request.user, pk)
    context = cycle.period_contents(item, request.user)
    may_start = permissions.can_publish(request.user, item)
    can_start = may_start and context["next_period"] is None
    form = NextPeriodForm(
        request.POST or None, initial={"last_year": item.last_year + item.last_year - item.first_year + 1}
    )
    if request.method == "POST" and not may_start:
        return HttpResponseForbidden()
    return form_flow(
        request,
        form,
        (
            lambda: cycle.next_period_start(
                user=request.user,
                period=item,
                last_year=form.cleaned_data["last_year"],
                open_verdicts_reason=form.cleaned_data["open_verdicts_reason"],
            )
        )
        if may_start  # a second start (from a page opened before the first) gets the service's message
        else None,
        template="reports/period.html",
        context={
            **context,
            "owner": item.owner,
            "can_start": can_start,
            "can_edit": permissions.can_edit(request.user, item),
        },
        done=lambda result: result.period,
        success=lambda result: (
            _("The period %(period)s is started. Its drafts are ready to be worked on.")
            % {"period": result.period.label}
        ),
    )


def _years_of(item, year):
    if not (item.first_year <= year <= item.last_year):
        raise Http404
    return year


@login_required
def yearly_follow_up(request, pk, year):
    item = cycle.period_for(request.user, pk)
    _years_of(item, year)
    entry = YearlyFollowUp.objects.filter(period=item, year=year).first()
    can_edit = permissions.can_edit(request.user, item)
    form = YearlyFollowUpForm(
        request.POST or None,
        initial={"text": entry.text if entry else "", "published": entry.published if entry else False},
    )
    report = None
    if isinstance(item.owner, Municipality):
        report = cycle.year_report(item.owner, year, public=False, user=request.user)
    return form_flow(
        request,
        form,
        (
            lambda: cycle.yearly_follow_up_save(
                user=request.user,
                period=item,
                year=year,
                text=form.cleaned_data["text"],
                published=form.cleaned_data["published"],
            )
        )
        if can_edit
        else None,
        template="reports/yearly_follow_up.html",
        context={"period": item, "year": year, "entry": entry, "report": report, "can_edit": can_edit},
        done=lambda _saved: reverse("reports:yearly_follow_up", args=[item.pk, year]),
        success=_("The follow-up is saved."),
    )


def public_yearly_follow_up(request, slug, year):
    place = permissions.public_place(slug)
    report = cycle.year_report(place, year, public=True)
    if report is None:
        raise Http404
    return render(request, "reports/public_yearly_follow_up.html", report)


def public_yearly_follow_up_pdf(request, slug, year):
    place = permissions.public_place(slug)
    report = cycle.year_report(place, year, public=True)
    if report is None:
        raise Http404
    return pdf_response(
        request, "reports/yearly_follow_up_pdf.html", report, f"uppfoljning-{place.slug}-{year}.pdf"
    )
