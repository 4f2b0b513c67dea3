"""E-mail subscriptions: double opt-in, each mail once, one-click unsubscribe, clear messages for bad
input and used or expired links."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from samverka.jobs import mail as mail_jobs
from samverka.jobs.models import Mail
from samverka.public import news, subscriptions
from samverka.public.models import Subscription


@pytest.fixture
def demo_promises(places, users, frozen_today):
    from samverka.promises import demo_data as promise_demo

    promise_demo.load()
    return places


@pytest.fixture
def publish(places, users, django_capture_on_commit_callbacks):
    def make(title="Ny föräldrakväll", place=None):
        item = news.news_create(
            user=users["editor"], place=place or places["arjeplog"], title=title, body="Välkomna!"
        )
        with django_capture_on_commit_callbacks(execute=True):
            news.news_publish(user=users["editor"], item=item)
        return item

    return make


def subscribe(client, email, django_capture_on_commit_callbacks, **choices):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            "/p/arjeplog/prenumerera/",
            {"email": email, "news": "on", **{k: "on" for k, v in choices.items() if v}},
        )


def link_in(message, kind):
    return re.search(rf"http://localhost:8000(/p/arjeplog/prenumerera/{kind}/[^/\s]+/)", message.body).group(
        1
    )


def test_a_resident_subscribes_confirms_receives_the_next_news_and_unsubscribes(
    places, client, publish, django_capture_on_commit_callbacks
):
    response = subscribe(client, "invanare@example.se", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/p/arjeplog/prenumerera/skickat/"
    (confirmation,) = mail.outbox
    assert confirmation.to == ["invanare@example.se"] and "Bekräfta" in confirmation.subject

    publish("Före bekräftelsen")
    assert len(mail.outbox) == 1  # unconfirmed: nothing but the confirmation

    confirm_path = link_in(confirmation, "bekrafta")
    page = client.get(confirm_path).content.decode()
    assert "Bekräfta prenumerationen" in page
    assert Subscription.objects.get().confirmed_at is None  # opening the link confirms nothing
    done = client.post(confirm_path).content.decode()
    assert "Prenumerationen är bekräftad" in done
    assert Subscription.objects.get().confirmed_at is not None

    item = publish("Efter bekräftelsen")
    news_mail = mail.outbox[-1]
    assert len(mail.outbox) == 2 and news_mail.subject == "Nyhet från Arjeplog: Efter bekräftelsen"
    assert f"http://localhost:8000/p/arjeplog/nyheter/{item.slug}/" in news_mail.body
    unsubscribe_path = link_in(news_mail, "avsluta")
    assert news_mail.extra_headers["List-Unsubscribe"] == f"<http://localhost:8000{unsubscribe_path}>"
    assert news_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # RFC 8058: the mail program posts without a CSRF token; one request removes the address
    client.handler.enforce_csrf_checks = True
    gone = client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert gone.status_code == 200 and "Prenumerationen är avslutad" in gone.content.decode()
    # the address leaves with the subscription: no mail row keeps it
    assert not Subscription.objects.exists() and not Mail.objects.exists()
    publish("Efter avslutet")
    assert len(mail.outbox) == 2
    again = client.get(unsubscribe_path).content.decode()
    assert "Adressen prenumererar inte längre." in again


def test_each_news_item_is_mailed_once_even_when_the_task_runs_again(places, publish):
    subscription = Subscription.objects.create(
        municipality=places["arjeplog"], email="a@example.se", confirmed_at=timezone.now()
    )
    item = publish()
    assert len(mail.outbox) == 1
    assert subscriptions.send_news(item.pk) == 0
    assert len(mail.outbox) == 1
    assert Mail.objects.get().key == f"subscriber:news:{item.pk}:{subscription.pk}"


def test_a_draft_is_never_mailed(places, users):
    Subscription.objects.create(
        municipality=places["arjeplog"], email="a@example.se", confirmed_at=timezone.now()
    )
    item = news.news_create(user=users["editor"], place=places["arjeplog"], title="Utkast")
    assert subscriptions.send_news(item.pk) == 0 and not mail.outbox


def test_a_failure_for_one_address_does_not_stop_the_others(places, publish, monkeypatch):
    for email in ["a@example.se", "b@example.se", "c@example.se"]:
        Subscription.objects.create(municipality=places["arjeplog"], email=email, confirmed_at=timezone.now())
    original = mail.EmailMultiAlternatives.send

    def send(self, fail_silently=False):
        if self.to == ["b@example.se"]:
            raise ConnectionRefusedError("refused")
        return original(self, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    publish()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.se", "c@example.se"]
    # the failed one is not marked sent: the retry sends it
    failed = Mail.objects.get(status=Mail.Status.QUEUED)
    assert failed.to == ["b@example.se"] and failed.error == "refused"
    monkeypatch.undo()
    assert mail_jobs.retry_queued(older_than_seconds=0) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.se", "b@example.se", "c@example.se"]


def test_the_confirmation_link_has_exactly_the_form_p_slug_prenumerera_bekrafta_token(
    places, client, django_capture_on_commit_callbacks
):
    subscribe(client, "form@example.se", django_capture_on_commit_callbacks)
    token = Subscription.objects.get().confirm_token
    (confirmation,) = mail.outbox
    links = re.findall(r"https?://\S+", confirmation.body)
    assert links == [f"http://localhost:8000/p/arjeplog/prenumerera/bekrafta/{token}/"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", token)  # nothing in it needs escaping in a URL


def test_an_invalid_address_is_refused_with_a_clear_message(
    places, client, django_capture_on_commit_callbacks
):
    response = subscribe(client, "inte-en-adress", django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "Skriv en giltig e-postadress." in response.content.decode()
    assert not Subscription.objects.exists() and not mail.outbox


def test_a_confirmation_link_used_twice_says_so_and_changes_nothing(
    places, client, django_capture_on_commit_callbacks
):
    subscribe(client, "x@example.se", django_capture_on_commit_callbacks)
    path = link_in(mail.outbox[0], "bekrafta")
    client.post(path)
    confirmed_at = Subscription.objects.get().confirmed_at
    second = client.post(path).content.decode()
    assert "Länken har redan använts: din prenumeration är bekräftad." in second
    assert Subscription.objects.get().confirmed_at == confirmed_at


def test_an_expired_confirmation_link_says_so_and_confirms_nothing(
    places, client, django_capture_on_commit_callbacks, time_machine
):
    subscribe(client, "x@example.se", django_capture_on_commit_callbacks)
    path = link_in(mail.outbox[0], "bekrafta")
    time_machine.move_to(timezone.now() + datetime.timedelta(days=subscriptions.CONFIRM_DAYS, hours=1))
    page = client.post(path).content.decode()
    assert "Bekräftelselänken har gått ut." in page
    assert Subscription.objects.get().confirmed_at is None


def test_an_unconfirmed_address_is_removed_after_thirty_days(places):
    old = Subscription.objects.create(municipality=places["arjeplog"], email="old@example.se")
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    Subscription.objects.create(municipality=places["arjeplog"], email="new@example.se")
    assert subscriptions.prune_unconfirmed() == 1
    assert list(Subscription.objects.values_list("email", flat=True)) == ["new@example.se"]


def test_subscribing_a_confirmed_address_again_sends_nothing_and_reveals_nothing(
    places, client, django_capture_on_commit_callbacks
):
    Subscription.objects.create(
        municipality=places["arjeplog"], email="x@example.se", confirmed_at=timezone.now()
    )
    response = subscribe(client, "x@example.se", django_capture_on_commit_callbacks)
    assert response["Location"] == "/p/arjeplog/prenumerera/skickat/" and not mail.outbox


def test_a_follow_up_on_a_public_promise_reaches_promise_subscribers_once(demo_promises, users):
    from samverka.promises import services
    from samverka.promises.models import Commitment

    arjeplog = demo_promises["arjeplog"]
    wants = Subscription.objects.create(
        municipality=arjeplog,
        email="loften@example.se",
        news=False,
        promise_updates=True,
        confirmed_at=timezone.now(),
    )
    Subscription.objects.create(
        municipality=arjeplog,
        email="bara-nyheter@example.se",
        news=True,
        promise_updates=False,
        confirmed_at=timezone.now(),
    )
    Subscription.objects.create(municipality=arjeplog, email="obekraftad@example.se", promise_updates=True)
    commitment = Commitment.objects.get(
        text__startswith="Polis och socialtjänst", promise__title__contains="2026–2027"
    )
    services.follow_up_create(
        user=users["police"],
        commitment=commitment,
        date=timezone.localdate(),
        description="Fortbildning för föräldrar i aulan.",
        amount=1,
    )
    assert subscriptions.send_promise_updates() == 1
    (message,) = mail.outbox
    assert message.to == [wants.email] and "Fortbildning för föräldrar i aulan." in message.body
    assert f"/p/arjeplog/medborgarloften/{commitment.promise_id}/" in message.body
    assert subscriptions.send_promise_updates() == 0 and len(mail.outbox) == 1


def test_asking_again_at_once_sends_no_second_confirmation_but_later_a_new_link(
    places, client, django_capture_on_commit_callbacks, time_machine
):
    subscribe(client, "x@example.se", django_capture_on_commit_callbacks)
    subscribe(client, "x@example.se", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    first = link_in(mail.outbox[0], "bekrafta")
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=subscriptions.RESEND_MINUTES + 1))
    subscribe(client, "x@example.se", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2 and link_in(mail.outbox[1], "bekrafta") != first
    assert Subscription.objects.count() == 1
