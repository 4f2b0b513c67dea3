"""Staff pages for news: the list of a place's items, writing (or starting from a record), publishing."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core.editing import form_flow, post_and_return
from samverka.core.files import file_response
from samverka.core.models import owner_fields
from samverka.core.permissions import ANY_PLACE, Action, can, get_for_user, place_for
from samverka.public import news
from samverka.public.forms import NewsForm
from samverka.public.models import NewsItem, NewsSource


def _item(user, place, pk, action=Action.VIEW) -> NewsItem:
    return get_for_user(user, NewsItem.objects.filter(**owner_fields(place)), action, pk=pk)


@login_required
def news_list(request, slug):
    place = place_for(request.user, slug, of=ANY_PLACE)
    return render(
        request,
        "public/news/staff_list.html",
        {
            "place": place,
            "items": news.staff_news(place),
            "can_edit": can(request.user, Action.EDIT, place),
            "sources": news.source_choices(place) if can(request.user, Action.EDIT, place) else [],
            "source_labels": dict(NewsSource.choices),
        },
    )


@login_required
def news_create(request, slug):
    place = place_for(request.user, slug, Action.EDIT, of=ANY_PLACE)
    source = {}
    kind, _sep, pk = (request.GET.get("fran") or request.POST.get("fran") or "").partition(":")
    if kind:
        source = news.prefill(request.user, place, kind, pk)
    form = NewsForm(
        request.POST or None,
        request.FILES or None,
        initial={k: source.get(k, "") for k in ["title", "summary", "body"]},
    )
    return form_flow(
        request,
        form,
        lambda: news.news_create(
            user=request.user,
            place=place,
            source_kind=source.get("source_kind", ""),
            source_id=source.get("source_id"),
            **form.service_fields(),
        ),
        template="public/news/form.html",
        context={
            "place": place,
            "title": _("New news item"),
            "source": f"{kind}:{pk}" if kind else "",
            "back": reverse("news:list", args=[place.slug]),
        },
        done=lambda item: reverse("news:item", args=[place.slug, item.pk]),
        success=_("The draft is saved."),
    )


@login_required
def news_item(request, slug, pk):
    place = place_for(request.user, slug, of=ANY_PLACE)
    item = _item(request.user, place, pk)
    return render(
        request,
        "public/news/staff_item.html",
        {"place": place, "item": item, "can_edit": can(request.user, Action.EDIT, item)},
    )


@login_required
def news_edit(request, slug, pk):
    place = place_for(request.user, slug, of=ANY_PLACE)
    item = _item(request.user, place, pk, Action.EDIT)
    form = NewsForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "title": item.title,
            "summary": item.summary,
            "body": item.body,
            "image_alt": item.image_alt,
        },
        has_image=bool(item.image),
    )
    return form_flow(
        request,
        form,
        lambda: news.news_update(
            user=request.user, item=item, remove_image=form.removes_image, **form.service_fields()
        ),
        template="public/news/form.html",
        context={
            "place": place,
            "title": _("Edit news item"),
            "item": item,
            "back": reverse("news:item", args=[place.slug, item.pk]),
        },
        done=lambda item: reverse("news:item", args=[place.slug, item.pk]),
        success=_("The news item is saved."),
    )


@login_required
@require_POST
def news_publish(request, slug, pk):
    place = place_for(request.user, slug, of=ANY_PLACE)
    item = _item(request.user, place, pk, Action.EDIT)
    return post_and_return(
        request,
        reverse("news:item", args=[place.slug, item.pk]),
        lambda: news.news_publish(user=request.user, item=item),
        success=_("The news item is published."),
    )


@login_required
def news_image(request, slug, pk):
    """A draft's image, for the people who may see the draft."""
    place = place_for(request.user, slug, of=ANY_PLACE)
    item = _item(request.user, place, pk)
    return file_response(item.image, filename=f"{item.slug}.jpg")
