"""The nightly open-data build (Celery beat): the national files written to the file storage and served
from there; built again, the same files."""

import json

import pytest

from samverka.activities import demo_data
from samverka.public import tasks


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_nightly_build_writes_the_national_files_and_the_downloads_use_them(places, client, media):
    demo_data.load()
    sizes = tasks.build_opendata()
    assert set(sizes) == {"opendata/samverka.json", "opendata/samverka-aktiviteter.csv"}
    built = json.loads((media / "opendata" / "samverka.json").read_text())
    assert "arjeplog" in {m["municipality"]["slug"] for m in built["municipalities"]}
    response = client.get("/p/data.json")
    assert json.loads(body(response))["generated"] == built["generated"]  # the built file, not a new one
    assert response["Link"] == '<https://creativecommons.org/publicdomain/zero/1.0/deed.sv>; rel="license"'
    csv_text = body(client.get("/p/data.csv"))
    assert csv_text == (media / "opendata" / "samverka-aktiviteter.csv").read_bytes().decode("utf-8-sig")
    assert "arjeplog;" in csv_text

    tasks.build_opendata()  # run again (a retry): the same two files, no second copy beside them
    assert sorted(p.name for p in (media / "opendata").iterdir()) == [
        "samverka-aktiviteter.csv",
        "samverka.json",
    ]


def test_before_the_first_build_the_national_file_is_written_on_request(places, client, media):
    demo_data.load()
    response = client.get("/p/data.json")
    assert "arjeplog" in {m["municipality"]["slug"] for m in json.loads(body(response))["municipalities"]}
    assert not (media / "opendata").exists()
