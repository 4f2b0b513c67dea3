"""The yearly cycle: the demo's periods, starting the next period in one action, yearly follow-ups and the
public follow-up report of a year."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from samverka.core.models import Period
from samverka.meetings.models import ActionItem, Meeting
from samverka.promises.models import ActionPlan, Commitment, Promise, PromiseState, Verdict
from samverka.reports import cycle
from samverka.reports.models import YearlyFollowUp
from samverka.situation.models import SituationReport

pytestmark = pytest.mark.django_db


def _period(owner, label):
    return next(p for p in Period.objects.all() if p.owner == owner and p.label == label)


def _counts():
    return [
        model.objects.count()
        for model in (Period, YearlyFollowUp, Promise, ActionPlan, Commitment, SituationReport, Verdict)
    ]


def test_the_demo_has_the_periods_of_arjeplog_and_pite_alvdal_and_loads_twice_unchanged(demo):
    arjeplog, pite_alvdal = demo["arjeplog"], demo["pite_alvdal"]
    assert [p.label for p in cycle.periods_for(arjeplog)] == ["2025–2027", "2021–2022", "2019–2020"]
    assert [p.label for p in cycle.periods_for(pite_alvdal)] == ["2019–2020"]
    first = _period(arjeplog, "2019–2020")
    lagesbild = first.situation_reports.get()
    assert (lagesbild.adopted_at, lagesbild.snapshot is not None) == (datetime.date(2019, 11, 12), True)
    promise = first.promises.get()
    assert promise.state == PromiseState.CONCLUDED
    assert not Commitment.objects.filter(promise=promise, verdict__isnull=True).exists()
    assert list(first.yearly_follow_ups.values_list("year", flat=True)) == [2019, 2020]
    current = _period(arjeplog, "2025–2027")
    assert current.promises.filter(start=datetime.date(2027, 1, 1), state=PromiseState.ACTIVE).exists()
    assert (
        _period(pite_alvdal, "2019–2020").situation_reports.get().title
        == "Gemensam lägesbild Pite älvdal 2019"
    )
    before = _counts()
    call_command("demo", stdout=io.StringIO())
    assert _counts() == before


def test_the_signed_2027_promise_is_public_as_kommande(demo, client_for, frozen_today):
    page = client_for(None).get("/p/arjeplog/medborgarloften/").content.decode()
    block = page.split("Medborgarlöfte 2027: Trygg sommar i Arjeplog")[1].split("</article>")[0]
    assert "kommande" in block
    assert "pågår" not in block


def test_a_coordinator_starts_the_next_period_once_with_drafts_copied(demo, users, client_for):
    arjeplog = demo["arjeplog"]
    current = _period(arjeplog, "2025–2027")
    meeting = Meeting.objects.filter(municipality=arjeplog).first() or Meeting.objects.create(
        municipality=arjeplog,
        title="BRÅ",
        starts_at=datetime.datetime(2027, 5, 1, 10, tzinfo=datetime.UTC),
        organiser=demo["orgs"]["arjeplogs-kommun"],
    )
    open_item = ActionItem.objects.create(
        meeting=meeting, text="Boka lokal", owner_organisation=demo["orgs"]["arjeplogs-kommun"]
    )
    done_item = ActionItem.objects.create(
        meeting=meeting, text="Klart", owner_organisation=demo["orgs"]["arjeplogs-kommun"], status="done"
    )
    client = client_for(users["coordinator"])
    url = reverse("reports:period", args=[current.pk])
    # the current promise has no verdicts yet: asked for them first
    response = client.post(url, {"last_year": 2029})
    assert "har ingen bedömning" in response.content.decode()
    assert Period.objects.filter(first_year=2028).count() == 0
    response = client.post(
        url, {"last_year": 2029, "open_verdicts_reason": "Löftena utvärderas i januari 2028."}
    )
    assert response.status_code == 302
    new = _period(arjeplog, "2028–2029")
    current.refresh_from_db()
    assert current.open_verdicts_reason == "Löftena utvärderas i januari 2028."
    copied = list(new.promises.order_by("title"))
    assert [p.state for p in copied] == [PromiseState.DRAFT] * current.promises.exclude(state="draft").count()
    assert {p.start for p in copied} == {datetime.date(2028, 1, 1)}
    assert "Medborgarlöfte ANDTS 2028–2029: Förebyggande arbete och information" in [p.title for p in copied]
    old_texts = sorted(Commitment.objects.filter(promise__work_period=current).values_list("text", flat=True))
    new_texts = sorted(Commitment.objects.filter(promise__work_period=new).values_list("text", flat=True))
    assert new_texts == old_texts
    assert not Commitment.objects.filter(promise__work_period=new, verdict__isnull=False).exists()
    plan = new.action_plans.get()
    assert (plan.state, plan.published, plan.goals.count()) == ("draft", False, 2)
    assert plan.measures.filter(goal__isnull=False).count() == 3
    draft = new.situation_reports.get()
    assert (draft.status, draft.snapshot) == ("draft", None)
    open_item.refresh_from_db()
    done_item.refresh_from_db()
    assert (open_item.work_period, done_item.work_period) == (new, None)
    page = client.get(reverse("reports:period", args=[new.pk])).content.decode()
    assert "Boka lokal" in page and "Utkast" in page
    # nothing of the drafts is public
    public = client_for(None).get("/p/arjeplog/medborgarloften/").content.decode()
    assert "2028–2029" not in public
    # starting twice is refused and changes nothing
    before = _counts()
    response = client_for(users["coordinator"]).post(url, {"last_year": 2030, "open_verdicts_reason": "x"})
    assert "Nästa period har redan startats: 2028–2029." in response.content.decode()
    with pytest.raises(ValidationError) as error:
        cycle.next_period_start(
            user=users["coordinator"], period=current, last_year=2030, open_verdicts_reason="x"
        )
    assert error.value.messages == ["Nästa period har redan startats: 2028–2029."]
    assert _counts() == before


@pytest.mark.parametrize("who", ["editor", "county", "other_editor", "outsider", "anonymous"])
def test_only_a_coordinator_of_the_place_starts_a_period(demo, users, client_for, who):
    current = _period(demo["arjeplog"], "2025–2027")
    response = client_for(users[who]).post(
        reverse("reports:period", args=[current.pk]), {"last_year": 2029, "open_verdicts_reason": "x"}
    )
    expected = {"editor": 403, "county": 403, "other_editor": 404, "outsider": 404, "anonymous": 302}[who]
    assert response.status_code == expected
    assert not Period.objects.filter(first_year=2028).exists()


def test_a_follow_up_dated_outside_its_period_is_refused(demo, users):
    first = _period(demo["arjeplog"], "2019–2020")
    with pytest.raises(ValidationError) as error:
        cycle.yearly_follow_up_save(
            user=users["coordinator"], period=first, year=2021, text="Fel år", published=False
        )
    assert error.value.messages == ["Uppföljningen för 2021 ligger utanför perioden 2019–2020."]
    assert not YearlyFollowUp.objects.filter(period=first, year=2021).exists()


def test_overlapping_periods_are_refused_on_the_page(demo, users, client_for):
    response = client_for(users["coordinator"]).post(
        reverse("reports:periods", args=["arjeplog"]), {"first_year": 2026, "last_year": 2028}
    )
    assert "Arjeplog har redan perioden 2025–2027, som överlappar 2026–2028." in response.content.decode()
    assert not Period.objects.filter(first_year=2026).exists()


def test_the_public_follow_up_of_2020_shows_the_promise_verdicts_and_follow_ups(demo, client_for):
    page = client_for(None).get("/p/arjeplog/uppfoljning/2020/").content.decode()
    assert "Medborgarlöfte ANDTS 2019–2020" in page
    assert "Fortbildningen genomfördes båda åren, 2020 i digital form." in page  # a verdict
    assert "Delvis hållet" in page
    assert "Fortbildningen hölls digitalt för personal och föräldrar." in page  # a follow-up of 2020
    assert "Fortbildning om droger för föräldrar" not in page  # 2019's, not this year's
    assert "Pandemin gjorde att föräldrakvällen ställdes in" in page  # the coordinator's text
    assert "Lägesbild Arjeplog 2019" in page
    # nothing internal: the internal problem of the 2023 lägesbild, drafts, unpublished texts
    assert "Otrygghet vid busstationen" not in page
    response = client_for(None).get("/p/arjeplog/uppfoljning/2020.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Medborgarlöfte ANDTS 2019–2020" in text
    assert "Fortbildningen hölls digitalt" in text


def test_an_unpublished_or_missing_follow_up_is_not_public(demo, users, client_for):
    first = _period(demo["arjeplog"], "2019–2020")
    YearlyFollowUp.objects.filter(period=first, year=2019).update(published=False, text="Internt utkast")
    anonymous = client_for(None)
    assert anonymous.get("/p/arjeplog/uppfoljning/2019/").status_code == 404
    assert anonymous.get("/p/arjeplog/uppfoljning/2019.pdf").status_code == 404
    assert anonymous.get("/p/arjeplog/uppfoljning/2024/").status_code == 404  # no period holds 2024
    assert anonymous.get("/p/pitea/uppfoljning/2020/").status_code == 404
    staff = client_for(users["coordinator"]).get(reverse("reports:yearly_follow_up", args=[first.pk, 2019]))
    assert "Internt utkast" in staff.content.decode()
    assert (
        client_for(users["other_editor"])
        .get(reverse("reports:yearly_follow_up", args=[first.pk, 2019]))
        .status_code
        == 404
    )


def test_the_public_follow_up_shows_an_activitys_small_reach_as_fewer_than_5(demo, users, client_for):
    from samverka.activities.models import Activity

    activity = Activity.objects.filter(municipality=demo["arjeplog"]).first()
    Activity.objects.filter(pk=activity.pk).update(
        status="ended", status_since=datetime.date(2020, 6, 1), reach_per_year=3, published=True
    )
    public = client_for(None).get("/p/arjeplog/uppfoljning/2020/").content.decode()
    line = public.split(activity.title)[1].split("</li>")[0]
    assert "räckvidd per år: färre än 5" in line.lower()
    assert ": 3" not in line
    first = _period(demo["arjeplog"], "2019–2020")
    staff = client_for(users["coordinator"]).get(reverse("reports:yearly_follow_up", args=[first.pk, 2020]))
    staff_line = staff.content.decode().split(activity.title)[1].split("</li>")[0]
    assert staff_line.endswith("räckvidd per år: 3")


def test_the_public_municipality_page_links_to_the_published_follow_ups_only(demo, client_for):
    first = _period(demo["arjeplog"], "2019–2020")
    anonymous = client_for(None)
    page = anonymous.get("/p/arjeplog/").content.decode()
    assert "Årliga uppföljningar" in page
    assert 'href="/p/arjeplog/uppfoljning/2020/"' in page and 'href="/p/arjeplog/uppfoljning/2019/"' in page
    assert 'href="/p/arjeplog/uppfoljning/2020.pdf"' in page
    assert page.index("uppfoljning/2020/") < page.index("uppfoljning/2019/")  # the newest first
    YearlyFollowUp.objects.filter(period=first, year=2019).update(published=False)
    page = anonymous.get("/p/arjeplog/").content.decode()
    assert "uppfoljning/2019/" not in page and 'href="/p/arjeplog/uppfoljning/2020/"' in page
    YearlyFollowUp.objects.update(published=False)
    assert "Årliga uppföljningar" not in anonymous.get("/p/arjeplog/").content.decode()
    assert "uppfoljning/" not in anonymous.get("/p/pitea/").content.decode()


def test_the_follow_up_counts_who_took_part_in_the_activity_log(demo, users, client_for):
    from samverka.activities.models import Activity, Occasion

    arjeplog = demo["arjeplog"]
    Occasion.objects.all().delete()  # the demo's own activity log is tested below
    shown, hidden = Activity.objects.filter(municipality=arjeplog, published=True).order_by("title")[:2]
    Activity.objects.filter(pk=hidden.pk).update(published=False)
    for activity, day, n in [(shown, "2020-03-02", 3), (hidden, "2020-04-01", 40), (shown, "2019-05-05", 60)]:
        Occasion.objects.create(
            municipality=arjeplog, activity=activity, date=day, venue="Skolan", participants=n
        )
    first = _period(arjeplog, "2019–2020")
    staff = client_for(users["coordinator"]).get(reverse("reports:yearly_follow_up", args=[first.pk, 2020]))
    section = (
        staff.content.decode().split("Genomförda aktiviteter och hur många som deltog")[1].split("</ul>")[0]
    )
    assert f"{shown.title} · 1 tillfälle · deltog: 3" in section
    assert f"{hidden.title} · 1 tillfälle · deltog: 40" in section  # staff see unpublished activities
    assert "60" not in section  # 2019's occasion is not 2020's
    public = client_for(None).get("/p/arjeplog/uppfoljning/2020/").content.decode()
    section = public.split("Genomförda aktiviteter och hur många som deltog")[1].split("</ul>")[0]
    assert f"{shown.title} · 1 tillfälle · deltog: färre än 5" in section
    assert hidden.title not in section and "40" not in section


def test_the_period_page_shows_the_county_board_only_the_assessments_shared_with_it(demo, users, client_for):
    # Found by the leak crawl: the period page listed every assessment of the period, shared or not.
    from samverka.readiness.models import Assessment

    current = _period(demo["arjeplog"], "2025–2027")
    shared = Assessment.objects.create(
        municipality=demo["arjeplog"], issue="Delad bedömning", shared_with_county=True, work_period=current
    )
    unshared = Assessment.objects.create(
        municipality=demo["arjeplog"],
        issue="Ej delad bedömning",
        shared_with_county=False,
        work_period=current,
    )
    url = reverse("reports:period", args=[current.pk])
    county_page = client_for(users["county"]).get(url).content.decode()
    assert shared.issue in county_page
    assert unshared.issue not in county_page
    coordinator_page = client_for(users["coordinator"]).get(url).content.decode()
    assert shared.issue in coordinator_page and unshared.issue in coordinator_page


def test_the_demo_activity_log_gives_the_reach_per_year_of_the_page_and_of_the_follow_up(
    demo, users, client_for
):
    from samverka.activities.models import Activity

    arjeplog = demo["arjeplog"]
    gym = Activity.objects.get(municipality=arjeplog, title="Antidopingarbete med kommunens gym")
    training = Activity.objects.get(municipality=arjeplog, title="Träning i att hantera aggressioner")
    assert set(training.occasions.values_list("date__year", flat=True)) == set(range(2019, 2027))
    # the activity page: reach per year, below 5 never as a number in public
    public = client_for(None).get(f"/p/arjeplog/aktiviteter/{gym.pk}/")
    assert [(r["year"], r["occasions"], str(r["participants"])) for r in public.context["reach"]] == [
        (2025, 2, "13"),
        (2020, 1, "färre än 5"),
    ]
    staff = client_for(users["coordinator"]).get(reverse("activities:detail", args=[gym.pk]))
    assert [(r["year"], r["participants"]) for r in staff.context["reach"]] == [(2025, 13), (2020, 3)]
    training_reach = client_for(None).get(f"/p/arjeplog/aktiviteter/{training.pk}/").context["reach"]
    assert training_reach[-1]["year"] == 2019 and training_reach[-1]["genders"]  # by gender, from the log
    # the yearly follow-up of 2020 sums the same log
    page = client_for(None).get("/p/arjeplog/uppfoljning/2020/").content.decode()
    section = page.split("Genomförda aktiviteter och hur många som deltog")[1].split("</ul>")[0]
    assert "Träning i att hantera aggressioner · 1 tillfälle · deltog: 21" in section
    assert "Uppsökande verksamhet kvällar och helger · 1 tillfälle · deltog: 35" in section
    assert "Antidopingarbete med kommunens gym · 1 tillfälle · deltog: färre än 5" in section
