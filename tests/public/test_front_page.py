"""The public front page tells the story: promises in force with status and bar, latest things done,
news, the lägesbild's message with key indicators, readiness where published, a role contact; a
collaboration gets the same page."""

import pytest

from samverka.promises import demo_data as promise_demo
from samverka.public import news


@pytest.fixture
def demo(places, users, frozen_today):
    promise_demo.load()
    return places


def test_arjeplogs_page_shows_the_promise_in_force_with_status_words_and_a_bar(demo, client):
    page = client.get("/p/arjeplog/").content.decode()
    in_force = page.split('id="promises-h"')[1].split("</section>")[0]
    assert "Medborgarlöfte ANDTS 2026–2027: Förebyggande arbete och information" in in_force
    assert '<progress max="100" value="' in in_force and "procent av målet" in in_force
    assert '<span class="status">' in in_force
    # the concluded 2019–2020 promise is not "in force"
    assert "2019–2020" not in in_force


def test_the_page_lists_published_news_but_never_a_draft(demo, users, client):
    published = news.news_create(user=users["editor"], place=demo["arjeplog"], title="Publicerad nyhet")
    news.news_publish(user=users["editor"], item=published)
    news.news_create(user=users["editor"], place=demo["arjeplog"], title="Hemligt utkast")
    page = client.get("/p/arjeplog/").content.decode()
    assert f'href="/p/arjeplog/nyheter/{published.slug}/"' in page
    assert "Hemligt utkast" not in page


def test_the_latest_things_done_are_public_follow_ups_with_dates(demo, client):
    page = client.get("/p/arjeplog/").content.decode()
    assert "Senast gjort" in page
    assert '<time datetime="' in page


def test_the_demo_shows_arjeplogs_role_address_and_switchboard(demo, client):
    contact = client.get("/p/arjeplog/").content.decode().split('id="contact-h"')[1].split("</section>")[0]
    assert 'href="mailto:kommun@arjeplog.se"' in contact
    assert '<a href="tel:+4696114000">telefon 0961-140 00</a>' in contact


def test_a_role_address_is_the_contact(demo, client):
    org = demo["orgs"]["arjeplogs-kommun"]
    org.email = "forebyggande@arjeplog.se"
    org.save()
    page = client.get("/p/arjeplog/").content.decode()
    assert 'href="mailto:forebyggande@arjeplog.se"' in page


def test_a_collaboration_has_the_same_page(demo, users, client):
    item = news.news_create(user=users["admin"], place=demo["pite_alvdal"], title="Gemensam kampanj")
    news.news_publish(user=users["admin"], item=item)
    page = client.get("/p/pite-alvdal/").content.decode()
    assert "<h1>Förebyggande arbete i Pite älvdal</h1>" in page
    assert "Gemensam kampanj" in page
    assert client.get("/p/finns-inte/").status_code == 404


def test_a_role_phone_number_is_in_the_contact(demo, client):
    org = demo["orgs"]["arjeplogs-kommun"]
    org.email, org.phone = "", "0961-145 00"
    org.full_clean()
    org.save()
    contact = client.get("/p/arjeplog/").content.decode().split('id="contact-h"')[1].split("</section>")[0]
    assert '<a href="tel:+4696114500">telefon 0961-145 00</a>' in contact
    assert "mailto:" not in contact  # no address given: only the number


def test_a_phone_number_that_is_not_one_gets_a_clear_message_and_is_not_saved(demo):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from samverka.core.models import Organisation

    org = demo["orgs"]["arjeplogs-kommun"]
    before = org.phone
    org.phone = "ring Anna"
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        org.full_clean()
    assert error.value.message_dict["phone"] == [
        "Ange ett telefonnummer: siffror, mellanslag, +, - eller parenteser, till exempel 0961-145 00."
    ]
    assert Organisation.objects.get(pk=org.pk).phone == before == "0961-140 00"


def test_ten_more_commitments_in_force_cost_no_more_queries(demo, client, queries_do_not_grow):
    """Each commitment's target and follow-ups come with the promises (prefetched), never one query per
    commitment: a national municipality has dozens of them."""
    from samverka.promises import selectors
    from samverka.promises.models import Commitment, FollowUp, Promise, PromiseState, Target

    promise = Promise.objects.filter(municipality=demo["arjeplog"], state=PromiseState.ACTIVE).first()
    reporter = demo["orgs"]["arjeplogs-kommun"]
    Promise.objects.filter(pk=promise.pk).update(approved_version=selectors.promise_snapshot(promise))

    def add(i):
        commitment = Commitment.objects.create(
            municipality=promise.municipality, promise=promise, text=f"Nytt åtagande {i}", order=100 + i
        )
        Target.objects.create(municipality=promise.municipality, commitment=commitment, amount=4)
        FollowUp.objects.create(
            municipality=promise.municipality,
            commitment=commitment,
            date=promise.start,
            description="Genomfört.",
            amount=1,
            reported_for=reporter,
        )
        # approved again, with the new commitment (the public page shows the approved version)
        Promise.objects.filter(pk=promise.pk).update(approved_version=selectors.promise_snapshot(promise))

    def bars(response):
        return response.content.decode().split('id="promises-h"')[1].split("</section>")[0].count("<progress")

    queries_do_not_grow(lambda: client.get("/p/arjeplog/"), add, bars)
