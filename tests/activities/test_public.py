import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from samverka.activities.models import Arena, Status
from samverka.activities.vocabularies import SUBSTANCE_AREAS

ATOM = "{http://www.w3.org/2005/Atom}"
SOURCE_PAGE = {  # the source page's headings and what it lists under each (by our titles)
    Arena.FAMILY: ["Broschyren ”Att umgås med barn”", "Föräldrastöd", "Orosamtal"],
    Arena.CHILDREN_YOUTH: [
        "Tidig upptäckt på fritidsgården Polar",
        "Norrbus",
        "Träning i att hantera aggressioner",
        "Uppsökande verksamhet kvällar och helger",
        "Medling för unga lagöverträdare och brottsoffer",
        "Samarbete mot langning",
    ],
    Arena.SCHOOL: ["Riktat arbete mot skolfrånvaro"],
    Arena.LEISURE: ["Antidopingarbete med kommunens gym"],
    Arena.SOCIETY: ["BRÅ:s gemensamma handlingsplaner"],
}


class Sections(HTMLParser):
    """Collects the h3 titles under each h2 section id of the public list."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self.current = None
        self.in_h3 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2" and (attrs.get("id") or "").startswith("arena-"):
            self.current = attrs["id"].removeprefix("arena-")
            self.sections[self.current] = []
        elif tag == "h3":
            self.in_h3 = True
            self.sections.setdefault(self.current, []).append("")

    def handle_endtag(self, tag):
        if tag == "h3":
            self.in_h3 = False

    def handle_data(self, data):
        if self.in_h3:
            self.sections[self.current][-1] += data.strip()


def _sections(html):
    parser = Sections()
    parser.feed(html)
    return parser.sections


def test_the_public_page_lists_every_activity_of_the_source_page_under_its_arena(client, catalogue):
    response = client.get("/p/arjeplog/aktiviteter/")
    assert response.status_code == 200
    sections = _sections(response.content.decode())
    for arena, titles in SOURCE_PAGE.items():
        assert sorted(sections[arena.value]) == sorted(titles)
    assert "Personalbrist." in response.content.decode()


def test_the_municipalitys_front_page_links_to_the_catalogue(client, catalogue):
    response = client.get("/p/arjeplog/")
    assert 'href="/p/arjeplog/aktiviteter/"' in response.content.decode()


def test_anonymous_visitors_never_see_unpublished_activities(client, catalogue, make_activity):
    hidden = make_activity(title="Hemligt utkast", published=False)
    pages = [
        "/p/arjeplog/aktiviteter/",
        "/p/arjeplog/aktiviteter/feed/",
        "/p/arjeplog/aktiviteter/json/",
        "/p/arjeplog/aktiviteter/inbaddning/",
        "/p/arjeplog/aktiviteter/fragment/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert "Hemligt utkast" not in response.content.decode()
    assert client.get(f"/p/arjeplog/aktiviteter/{hidden.pk}/").status_code == 404


def test_a_published_activity_has_its_own_page_only_under_its_municipality(client, catalogue):
    activity = catalogue["Föräldrastöd"]
    response = client.get(f"/p/arjeplog/aktiviteter/{activity.pk}/")
    assert response.status_code == 200 and "Personalbrist" in response.content.decode()
    assert client.get(f"/p/pitea/aktiviteter/{activity.pk}/").status_code == 404
    assert client.get("/p/arjeplog/aktiviteter/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/p/ingenstans/aktiviteter/").status_code == 404


def test_the_atom_feed_is_valid_and_lists_the_published_activities(client, catalogue):
    response = client.get("/p/arjeplog/aktiviteter/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # well-formed XML, or this raises
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Arjeplog"
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(catalogue)
    ids = set()
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        ids.add(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(entries)


def test_the_feed_shows_a_status_change_as_a_new_entry(client, users, catalogue):
    from samverka.activities import services

    activity = catalogue["Föräldrastöd"]
    before = client.get("/p/arjeplog/aktiviteter/feed/").content
    services.activity_update(
        user=users["coordinator"],
        activity=activity,
        values={"status": Status.ACTIVE, "status_reason": ""},
        expected_version=activity.version,
    )
    feed = ET.fromstring(client.get("/p/arjeplog/aktiviteter/feed/").content)
    first = feed.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}title").text.startswith("Föräldrastöd")
    assert first.find(f"{ATOM}id").text.encode() not in before


def test_the_json_holds_the_same_list_grouped_by_arena(client, catalogue):
    data = json.loads(client.get("/p/arjeplog/aktiviteter/json/").content)
    assert data["municipality"]["slug"] == "arjeplog"
    assert [g["arena"] for g in data["arenas"]] == [a.value for a in Arena]
    by_arena = {g["arena"]: sorted(a["title"] for a in g["activities"]) for g in data["arenas"]}
    assert by_arena == {arena.value: sorted(titles) for arena, titles in SOURCE_PAGE.items()}
    paused = [a for g in data["arenas"] for a in g["activities"] if a["status"] == "paused"]
    assert [a["status_reason"] for a in paused] == ["Personalbrist."]
    codes = {c for c, *_ in SUBSTANCE_AREAS}
    assert all(set(a["andts_areas"]) <= codes for g in data["arenas"] for a in g["activities"])
    assert all(a["reach_per_year"] is None for g in data["arenas"] for a in g["activities"])


def test_the_embeddable_page_and_fragment_may_be_framed_and_have_no_site_chrome(client, catalogue):
    page = client.get("/p/arjeplog/aktiviteter/inbaddning/")
    fragment = client.get("/p/arjeplog/aktiviteter/fragment/")
    for response in (page, fragment):
        assert "X-Frame-Options" not in response
        assert "site-header" not in response.content.decode()
        assert "Norrbus" in response.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "X-Frame-Options" in client.get("/p/arjeplog/aktiviteter/")


@pytest.mark.parametrize(
    ("path", "records"),
    [
        ("/p/arjeplog/aktiviteter/", r"/aktiviteter/([0-9a-f-]{36})/"),
        ("/p/arjeplog/aktiviteter/json/", r'"id": "([0-9a-f-]{36})"'),
        ("/p/arjeplog/aktiviteter/feed/", r"urn:samverka:activity:([0-9a-f-]{36})"),
        ("/p/arjeplog/aktiviteter/inbaddning/", r"/aktiviteter/([0-9a-f-]{36})/"),
        ("/p/arjeplog/aktiviteter/fragment/", r"/aktiviteter/([0-9a-f-]{36})/"),
    ],
)
def test_the_public_lists_cost_the_same_queries_with_ten_more_activities(
    client, catalogue, make_activity, queries_do_not_grow, path, records
):
    queries_do_not_grow(
        lambda: client.get(path),
        lambda i: make_activity(areas=["alcohol", "tobacco"], factors=["truancy"]),
        records,
    )


def test_descriptions_are_sanitised_markdown(client, make_activity):
    activity = make_activity(description="**Viktigt** <script>alert(1)</script>")
    html = client.get(f"/p/arjeplog/aktiviteter/{activity.pk}/").content.decode()
    assert "<strong>Viktigt</strong>" in html and "<script>alert" not in html
