"""Issue 12, readable records: the history page speaks the form's Swedish, never ids or Python values."""

import datetime
import re

import pytest

from samverka.core.history import word_diff

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
REPRS = ("UUID(", "[{", "{'", "None", "datetime.", "Decimal(", "True", "False")


def history_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    body = html[html.index("<main") :]  # the page's own content (the layout may hold ids in links)
    # what a reader sees: the text without tags (breadcrumb links lead to the record by its id)
    text = re.sub(r"<[^>]+>", " ", body)
    assert not UUID.search(text), UUID.search(text).group(0)
    for repr_ in REPRS:
        assert repr_ not in body, repr_
    return body


def changes_of(body: str) -> str:
    """The text of the change list, tags out and spaces collapsed (what a reader reads)."""
    table = body[body.index("<table") : body.index("</table>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))


def vocab(model, code, name):
    return model.objects.get_or_create(code=code, defaults={"name_sv": name, "name_en": name})[0]


@pytest.fixture
def activity_history(places, users):
    from samverka.activities import services
    from samverka.activities.models import Activity, TargetGroup

    parents = vocab(TargetGroup, "test-foraldrar", "Föräldrar till tonåringar")
    pupils = vocab(TargetGroup, "test-elever", "Elever i årskurs 7–9")
    coordinator = users["coordinator"]
    activity = services.activity_create(
        user=coordinator,
        owner=places["arjeplog"],
        values={
            "title": "Föräldraträff om alkohol",
            "arena": "family",
            "status": "active",
            "description": "Vi träffar föräldrar en kväll i skolans aula.",
            "target_groups": [parents],
            "organisations": [places["orgs"]["arjeplog-socialtjansten"]],
        },
    )
    activity = Activity.objects.get(pk=activity.pk)
    services.activity_update(
        user=coordinator,
        activity=activity,
        expected_version=activity.version,
        values={
            "status": "paused",
            "status_reason": "Personalbrist",
            "status_since": datetime.date(2026, 11, 28),
            "description": "Vi träffar föräldrar två kvällar i skolans matsal.",
            "published": True,
            "reach_per_year": 1200,
            "target_groups": [pupils],
        },
    )
    return activity


def test_an_activity_history_reads_as_the_form_labels_it(activity_history, users, client_for):
    body = history_text(
        client_for(users["coordinator"]), f"/historik/activities/activity/{activity_history.pk}/"
    )
    text = changes_of(body)
    assert "Status från Pågår → till Uppehåll" in text
    assert "Orsak till status från Inte angivet → till Personalbrist" in text
    assert "Status sedan från Inte angivet → till 28 november 2026" in text
    assert "Publicerad från Nej → till Ja" in text
    assert (
        "Räckvidd per år från Inte angivet → till 1 200" in text
    )  # a non-breaking space between thousands, collapsed
    # Target groups by name: the new one added, the old one removed.
    assert "Målgrupper" in text
    assert "Tillagda: Elever i årskurs 7–9" in text
    assert "Borttagna: Föräldrar till tonåringar" in text
    # The description as a word diff, marked for the eye and for screen readers.
    assert '<del><span class="visually-hidden">[borttaget: </span>en kväll ' in body
    assert '<ins><span class="visually-hidden">[tillagt: </span>två kvällar ' in body
    assert '<del><span class="visually-hidden">[borttaget: </span>aula.' in body
    assert '<ins><span class="visually-hidden">[tillagt: </span>matsal.' in body
    # Who, and the first version.
    assert "Skapad" in text


def test_a_commitment_history_names_the_responsible_and_its_activities(places, users, client_for):
    from samverka.activities.models import Activity
    from samverka.promises import services
    from samverka.promises.models import Commitment

    coordinator = users["coordinator"]
    promise = services.promise_create(
        user=coordinator,
        owner=places["arjeplog"],
        police_area=places["orgs"]["lpo-pitea-alvdal"],
        title="Tryggare centrum",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2027, 12, 31),
    )
    walk = Activity.objects.create(
        municipality=places["arjeplog"], title="Trygghetsvandring", arena="society"
    )
    commitment = services.commitment_save(
        user=coordinator,
        parent=promise,
        text="Polisen patrullerar centrum på fredagskvällar.",
        target={},
        responsible=[places["orgs"]["lpo-pitea-alvdal"]],
    )
    commitment = Commitment.objects.get(pk=commitment.pk)
    services.commitment_save(
        user=coordinator,
        parent=promise,
        commitment=commitment,
        expected_version=commitment.version,
        text="Polisen och kommunen patrullerar centrum på fredagskvällar.",
        target={},
        responsible=[places["orgs"]["lpo-pitea-alvdal"], places["orgs"]["arjeplog-socialtjansten"]],
        activities=[walk],
    )
    promise.refresh_from_db()
    services.promise_update(
        user=coordinator,
        promise=promise,
        expected_version=promise.version,
        title="Tryggare centrum i Arjeplog",
        end=datetime.date(2028, 6, 30),
    )
    client = client_for(coordinator)

    text = changes_of(history_text(client, f"/historik/promises/commitment/{commitment.pk}/"))
    assert "Ansvariga" in text
    assert f"Tillagda: {places['orgs']['arjeplog-socialtjansten'].name}" in text
    assert "Aktiviteter som genomför det" in text and "Tillagda: Trygghetsvandring" in text
    assert "[tillagt: och kommunen ]" in text

    text = changes_of(history_text(client, f"/historik/promises/promise/{promise.pk}/"))
    assert "Titel från Tryggare centrum → till Tryggare centrum i Arjeplog" in text
    assert "Slut från 31 december 2027 → till 30 juni 2028" in text


def test_a_situation_report_history_shows_status_labels_and_a_word_diff(places, users, client_for):
    from samverka.indicators.models import Indicator, Observation, Place
    from samverka.situation import services
    from samverka.situation.models import ReportIndicator, SituationReport

    coordinator = users["coordinator"]
    report = services.report_create(
        user=coordinator,
        owner=places["arjeplog"],
        title="Lägesbild 2026",
        period="2026",
        summary="Langningen till unga har ökat under sommaren.",
    )
    report = SituationReport.objects.get(pk=report.pk)
    report.summary = "Langningen till unga har minskat under hösten."
    services.report_update(
        user=coordinator, report=report, expected_version=report.version, fields=["summary"]
    )
    indicator = Indicator.objects.create(source="own", source_id="langning", name_sv="Langning till unga")
    place = Place.objects.filter(municipality=places["arjeplog"]).first() or Place.objects.create(
        code=places["arjeplog"].code, kind="municipality", name="Arjeplog", municipality=places["arjeplog"]
    )
    Observation.objects.create(indicator=indicator, place=place, period="2025", value=12)
    ReportIndicator.objects.create(report=report, indicator=indicator, order=1)
    report = SituationReport.objects.get(pk=report.pk)
    services.report_adopt(user=coordinator, report=report, on=datetime.date(2026, 11, 28))

    text = changes_of(
        history_text(client_for(coordinator), f"/historik/situation/situationreport/{report.pk}/")
    )
    assert "Sammanfattning och analys" in text
    assert "[borttaget: ökat ]" in text and "[tillagt: minskat ]" in text
    assert "Status från Utkast → till Antagen" in text
    assert "Antagen den från Inte angivet → till 28 november 2026" in text


def test_the_history_page_costs_the_same_queries_with_more_versions(
    activity_history, users, client_for, queries_do_not_grow
):
    from samverka.activities import services
    from samverka.activities.models import Activity

    client = client_for(users["coordinator"])
    url = f"/historik/activities/activity/{activity_history.pk}/"

    def add(i):
        activity = Activity.objects.get(pk=activity_history.pk)
        services.activity_update(
            user=users["coordinator"],
            activity=activity,
            expected_version=activity.version,
            values={"title": f"Föräldraträff {i}"},
        )

    queries_do_not_grow(lambda: client.get(url), add, lambda r: r.content.decode().count("<tr>") - 1)


def test_a_word_diff_keeps_a_little_context_around_a_change():
    old = " ".join(f"ord{i}" for i in range(40))
    new = old.replace("ord20", "nytt")
    parts = word_diff(old, new, context=3)
    assert parts == [
        ("equal", "… ord17 ord18 ord19 "),
        ("delete", "ord20 "),
        ("insert", "nytt "),
        ("equal", "ord21 ord22 ord23 … "),
    ]
