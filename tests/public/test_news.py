"""News: a communicator writes or starts from a record, an editor publishes, only published items are
public (page, feed, embed, image), and bad input changes nothing."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from samverka.promises import demo_data as promise_demo
from samverka.promises.models import Verdict
from samverka.public import news
from samverka.public.models import NewsItem, NewsState

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def training_verdict(places, users):
    promise_demo.load()
    return Verdict.objects.get(commitment__pk=promise_demo._id("arjeplog-2019-training"))


def jpeg_with_exif(size=(3000, 2000)) -> bytes:
    image = Image.new("RGB", size, "orange")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x9003] = "2020:10:13 18:00:00"  # DateTimeOriginal
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name="bild.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_communicator_turns_the_2020_verdict_into_news_and_publishes_it(
    training_verdict, users, client_for
):
    client = client_for(users["editor"])  # Erik Nilsson, Kommunikatör: an editor of Arjeplog
    listing = client.get("/nyheter/arjeplog/").content.decode()
    assert f"?fran=verdict:{training_verdict.pk}" in listing

    form = client.get(f"/nyheter/arjeplog/ny/?fran=verdict:{training_verdict.pk}").content.decode()
    assert "Fortbildningen genomfördes båda åren, 2020 i digital form." in form
    assert "Medborgarlöfte ANDTS 2019–2020" in form

    response = client.post(
        "/nyheter/arjeplog/ny/",
        {
            "fran": f"verdict:{training_verdict.pk}",
            "title": "Löftet om fortbildning hölls",
            "summary": "Polis och socialtjänst fortbildade föräldrar och personal båda åren.",
            "body": "Fortbildningen genomfördes båda åren, 2020 i digital form.",
            "image_alt": "",
        },
    )
    item = NewsItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/nyheter/arjeplog/{item.pk}/"
    assert item.state == NewsState.DRAFT and item.source_kind == "verdict"
    assert item.source_id == training_verdict.pk and item.created_by == users["editor"]
    # a draft is nowhere public
    client_for(None)
    assert client.get(f"/p/arjeplog/nyheter/{item.slug}/").status_code == 404
    assert "Löftet om fortbildning hölls" not in client.get("/p/arjeplog/nyheter/").content.decode()
    assert "Löftet om fortbildning hölls" not in client.get("/p/arjeplog/nyheter/flode.atom").content.decode()

    client = client_for(users["editor"])
    client.post(f"/nyheter/arjeplog/{item.pk}/publicera/")
    item.refresh_from_db()
    assert item.state == NewsState.PUBLISHED and item.published_by == users["editor"]

    client = client_for(None)
    page = client.get(f"/p/arjeplog/nyheter/{item.slug}/").content.decode()
    assert "<h1>Löftet om fortbildning hölls</h1>" in page and "2020 i digital form" in page
    assert "Löftet om fortbildning hölls" in client.get("/p/arjeplog/nyheter/").content.decode()
    assert "Löftet om fortbildning hölls" in client.get("/p/arjeplog/nyheter/inbaddning/").content.decode()
    feed = ET.fromstring(client.get("/p/arjeplog/nyheter/flode.atom").content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Löftet om fortbildning hölls"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/p/arjeplog/nyheter/{item.slug}/"


def test_a_news_item_without_a_title_is_refused_and_nothing_is_saved(places, users, client_for):
    response = client_for(users["editor"]).post("/nyheter/arjeplog/ny/", {"title": " ", "body": "Text"})
    assert response.status_code == 200
    assert "Ge nyheten en titel." in response.content.decode()
    assert not NewsItem.objects.exists()


def test_an_image_is_scaled_down_and_stripped_of_its_metadata(places, users, client_for):
    response = client_for(users["editor"]).post(
        "/nyheter/arjeplog/ny/",
        {"title": "Föräldrakväll", "image": upload(jpeg_with_exif()), "image_alt": "Föräldrar i aulan"},
    )
    assert response.status_code == 302
    item = NewsItem.objects.get()
    with item.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        assert stored.format == "JPEG" and max(stored.size) == 1600
        assert not stored.getexif() and "exif" not in stored.info
    assert not item.image.name.endswith("bild.jpg") and item.image.name.startswith("public/news/")


@pytest.mark.parametrize(
    ("data", "alt", "message"),
    [
        (b"%PDF-1.4 not an image", "Text", "Filen är inte en bild i formatet JPEG, PNG, WebP eller GIF."),
        (b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1), "Text", "Bilden är för stor (högst 5 MB)."),
        (None, "", "Beskriv bilden för den som inte kan se den."),
    ],
)
def test_a_bad_image_is_refused_with_a_clear_message_and_nothing_is_saved(
    places, users, client_for, data, alt, message
):
    response = client_for(users["editor"]).post(
        "/nyheter/arjeplog/ny/",
        {
            "title": "Med bild",
            "image": upload(data if data is not None else jpeg_with_exif((40, 30))),
            "image_alt": alt,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NewsItem.objects.exists()


def test_the_image_of_a_draft_is_for_staff_and_becomes_public_when_published(places, users, client_for):
    item = news.news_create(
        user=users["editor"],
        place=places["arjeplog"],
        title="Bildnyhet",
        image=upload(jpeg_with_exif((80, 60))),
        image_alt="En orange yta",
    )
    client = client_for(None)
    assert client.get(f"/p/arjeplog/nyheter/{item.slug}/bild.jpg").status_code == 404
    staff = client_for(users["editor"]).get(f"/nyheter/arjeplog/{item.pk}/bild.jpg")
    assert staff.status_code == 200 and staff["Cache-Control"] == "private, no-store"
    news.news_publish(user=users["editor"], item=item)
    client = client_for(None)
    public = client.get(f"/p/arjeplog/nyheter/{item.slug}/bild.jpg")
    assert public.status_code == 200 and public["Content-Type"] == "image/jpeg"
    assert b"".join(public.streaming_content)[:3] == b"\xff\xd8\xff"
    page = client.get(f"/p/arjeplog/nyheter/{item.slug}/").content.decode()
    assert (
        f'<meta property="og:image" content="http://localhost:8000/p/arjeplog/nyheter/{item.slug}/bild.jpg">'
        in page
    )
    assert 'alt="En orange yta"' in page


@pytest.mark.parametrize("who", ["other_editor", "county", "outsider", "anonymous"])
def test_only_editors_of_the_place_write_and_publish_news(places, users, client_for, who):
    item = news.news_create(user=users["editor"], place=places["arjeplog"], title="Utkast")
    client = client_for(users[who])
    created = client.post("/nyheter/arjeplog/ny/", {"title": "Inte min kommun"})
    published = client.post(f"/nyheter/arjeplog/{item.pk}/publicera/")
    edited = client.post(f"/nyheter/arjeplog/{item.pk}/andra/", {"title": "Ändrad"})
    expected = {"other_editor": 404, "county": 403, "outsider": 404}
    if who == "anonymous":
        assert created.status_code == published.status_code == edited.status_code == 302
        assert created["Location"].startswith("/konto/logga-in/") or "login" in created["Location"]
    else:
        assert created.status_code == expected[who]
        assert published.status_code in (403, 404) and edited.status_code in (403, 404)
    item.refresh_from_db()
    assert item.title == "Utkast" and item.state == NewsState.DRAFT
    assert NewsItem.objects.count() == 1


def test_the_county_board_reads_drafts_but_cannot_start_from_a_record_of_another_place(
    training_verdict, places, users, client_for
):
    client = client_for(users["county"])
    assert client.get("/nyheter/arjeplog/").status_code == 200
    other = client_for(users["other_editor"]).get(f"/nyheter/pitea/ny/?fran=verdict:{training_verdict.pk}")
    assert other.status_code == 404  # Arjeplog's verdict is not Piteå's record


def test_a_collaboration_has_its_own_news(places, users, client_for):
    item = news.news_create(user=users["admin"], place=places["pite_alvdal"], title="Gemensam kampanj")
    news.news_publish(user=users["admin"], item=item)
    client = client_for(None)
    assert "Gemensam kampanj" in client.get("/p/pite-alvdal/nyheter/").content.decode()
    assert "Gemensam kampanj" not in client.get("/p/arjeplog/nyheter/").content.decode()
    assert client.get(f"/p/arjeplog/nyheter/{item.slug}/").status_code == 404


def test_a_collaborations_staff_write_its_news_at_its_own_address(places, users, client_for):
    client = client_for(users["police"])  # the police area takes part in Pite älvdal as an editor
    assert "Nyheter – Pite älvdal" in client.get("/nyheter/pite-alvdal/").content.decode()
    response = client.post("/nyheter/pite-alvdal/ny/", {"title": "Trygg sommar i Pite älvdal"})
    item = NewsItem.objects.get()
    assert response["Location"] == f"/nyheter/pite-alvdal/{item.pk}/"
    assert item.collaboration == places["pite_alvdal"] and item.municipality is None
