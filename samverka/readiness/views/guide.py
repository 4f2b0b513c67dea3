"""The interview guide: the team reads it, the assessment's managers change it; a PDF to print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core.pdf import pdf_response
from samverka.readiness import forms, selectors, services
from samverka.readiness import permissions as rules
from samverka.readiness.views.common import assessment_for, lang, require_team


@login_required
def guide_edit(request, pk):
    assessment = assessment_for(request, pk)
    require_team(request, assessment)
    editable = rules.can_manage(request.user, assessment)
    formset = forms.GuideFormSet(request.POST or None, queryset=assessment.questions.all())
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if formset.is_valid():
            services.guide_save(
                user=request.user,
                assessment=assessment,
                questions=formset.save(commit=False),
                deleted=formset.deleted_objects,
            )
            messages.success(request, _("The interview guide was saved."))
            return redirect("readiness:guide", assessment.pk)
    return render(
        request,
        "readiness/guide.html",
        {
            "assessment": assessment,
            "formset": formset,
            "editable": editable,
            "groups": selectors.guide_groups(assessment, lang()),
        },
    )


@login_required
@require_POST
def guide_move(request, pk, question):
    """The arrows beside a question of the guide: one place up or down within its dimension."""
    assessment = assessment_for(request, pk)
    require_team(request, assessment)
    item = get_object_or_404(assessment.questions.all(), pk=question)
    if request.POST.get("direction") not in ("up", "down"):
        messages.error(request, _("Choose up or down."))
    elif services.guide_move(user=request.user, question=item, up=request.POST["direction"] == "up"):
        messages.success(request, _("The order was changed."))
    return redirect(f"{reverse('readiness:guide', args=[assessment.pk])}#q-{item.pk}")


@login_required
def guide_pdf(request, pk):
    assessment = assessment_for(request, pk)
    require_team(request, assessment)
    language = "en" if request.GET.get("lang") == "en" else "sv"
    return pdf_response(
        request,
        "readiness/guide_pdf.html",
        {
            "assessment": assessment,
            "groups": selectors.guide_groups(assessment, language),
            "language": language,
        },
        f"intervjuguide-{language}.pdf",
    )
