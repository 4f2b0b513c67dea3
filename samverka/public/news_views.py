"""Public news and subscriptions under /p/<slug>/: only published items, for a municipality or a
collaboration alike."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt

from samverka.core.editing import add_errors
from samverka.core.files import file_response
from samverka.public import news, subscriptions
from samverka.public.forms import SubscribeForm

FEED_ITEMS = 30


def news_list(request, slug):
    place = news.public_owner(slug)
    return render(
        request, "public/news/list.html", {"place": place, "items": news.published_news(place)[:50]}
    )


@xframe_options_exempt
def news_embed(request, slug):
    """The latest news without the site's header and footer, for an <iframe> on the municipality's site."""
    place = news.public_owner(slug)
    return render(
        request, "public/news/embed.html", {"place": place, "items": news.published_news(place)[:10]}
    )


def news_detail(request, slug, item_slug):
    place = news.public_owner(slug)
    item = get_object_or_404(news.published_news(place), slug=item_slug)
    return render(request, "public/news/detail.html", {"place": place, "item": item})


def news_image(request, slug, item_slug):
    """A published item's image, to anyone (a draft's image only through the staff page)."""
    place = news.public_owner(slug)
    item = get_object_or_404(news.published_news(place), slug=item_slug)
    return file_response(item.image, filename=f"{item.slug}.jpg", public=True)


def news_feed(request, slug):
    place = news.public_owner(slug)
    feed = feedgenerator.Atom1Feed(
        title=_("News from %(place)s") % {"place": place},
        link=request.build_absolute_uri(reverse("public:news", args=[place.slug])),
        description=_(
            "News about the prevention work against alcohol, narcotics, doping, tobacco and gambling."
        ),
        language="sv",
        feed_url=request.build_absolute_uri(),
        feed_guid=f"urn:samverka:news:{place.slug}",
    )
    for item in news.published_news(place)[:FEED_ITEMS]:
        feed.add_item(
            title=item.title,
            link=request.build_absolute_uri(reverse("public:news_detail", args=[place.slug, item.slug])),
            description=item.summary or item.body[:300],
            unique_id=f"urn:uuid:{item.pk}",
            pubdate=item.published_at,
            updateddate=item.updated_at,
            author_name=str(place),
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def subscribe(request, slug):
    place = news.public_owner(slug)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscriptions.subscribe(place=place, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect(reverse("public:subscribe_sent", args=[place.slug]))
    return render(request, "public/subscribe.html", {"place": place, "form": form})


def subscribe_sent(request, slug):
    place = news.public_owner(slug)
    return render(request, "public/subscribe_message.html", {"place": place, "step": "sent"})


def confirm(request, slug, token):
    """The link in the confirmation mail: a page with one button, so that a mail scanner opening links
    confirms nothing; the button confirms."""
    place = news.public_owner(slug)
    problem = None
    if request.method == "POST":
        try:
            subscriptions.confirm(token=token)
        except subscriptions.LinkProblem as exc:
            problem = str(exc)
        else:
            return render(request, "public/subscribe_message.html", {"place": place, "step": "confirmed"})
    return render(
        request, "public/subscribe_message.html", {"place": place, "step": "confirm", "problem": problem}
    )


@csrf_exempt  # RFC 8058: the mail program posts "List-Unsubscribe=One-Click" without a form of ours
def unsubscribe(request, slug, token):
    place = news.public_owner(slug)
    try:
        subscriptions.find_for_unsubscribe(token)
        if request.method == "POST":
            subscriptions.unsubscribe(token=token)
            return render(request, "public/subscribe_message.html", {"place": place, "step": "unsubscribed"})
    except subscriptions.LinkProblem as exc:
        return render(
            request,
            "public/subscribe_message.html",
            {"place": place, "step": "unsubscribe", "problem": str(exc)},
        )
    return render(request, "public/subscribe_message.html", {"place": place, "step": "unsubscribe"})
