"""A field with no value says so in words ("Inte angivet" / "Not given"), never a bare dash."""

import re

import pytest


@pytest.mark.parametrize(("language", "words"), [("sv", "Inte angivet"), ("en", "Not given")])
def test_empty_prevention_settings_read_not_given(places, users, client_for, language, words):
    client = client_for(users["coordinator"])
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    text = client.get("/rapporter/kommun/arjeplog/").content.decode()
    settings_list = text.split("<dl>", 1)[1].split("</dl>", 1)[0]
    assert settings_list.count(f"<dd>{words}</dd>") == 4
    assert not re.search(r"<dd>\s*–\s*</dd>", settings_list)
