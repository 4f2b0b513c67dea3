"""A NUL character in posted JSON is taken out before it reaches PostgreSQL (it answered 500 before)."""

import json

from samverka.core.text import clean


def test_control_characters_are_taken_out_of_every_string_keys_included():
    data = {"a\x00b": ["x\x00y", {"z": "tab\tstays\nand\r\x07bell goes"}], "n": 3}
    assert clean(data) == {"ab": ["xy", {"z": "tab\tstays\nand\rbell goes"}], "n": 3}


def test_a_nul_in_a_slug_of_a_posted_activity_is_taken_out_not_a_500(api, token_for, users):
    response = api(token_for(users["editor"])).post(
        "/api/v1/activities/", json.dumps({"title": "X", "municipality": "arje\x00plog-nope"})
    )
    assert response.status_code == 404  # no municipality "arjeplog-nope": the NUL never reached the database
    assert response.json()["detail"] == "municipality: 'arjeplog-nope' not found."
