"""The API's own permission class, asked directly: every endpoint's reads and writes pass through it, and
the services behind the endpoints check again, so only these tests break when the class stops asking."""

import pytest
from rest_framework.test import APIRequestFactory

from samverka.api.permissions import SamverkaPermission
from samverka.core.permissions import Action


class View:
    def __init__(self, **attributes):
        self.__dict__.update(attributes)


def request(method, user):
    made = getattr(APIRequestFactory(), method.lower())("/api/v1/")
    made.user = user
    return made


@pytest.mark.parametrize(
    ("who", "public", "method", "allowed"),
    [
        ("anonymous", True, "GET", True),  # published records are for anyone
        ("anonymous", False, "GET", False),
        ("anonymous", True, "HEAD", True),
        ("anonymous", True, "POST", False),  # even on a public endpoint, nobody anonymous writes
        ("anonymous", True, "PATCH", False),
        ("outsider", False, "GET", True),  # signed in: the queryset and the object check narrow it down
        ("outsider", True, "POST", True),
    ],
)
def test_the_endpoint_check_lets_anonymous_visitors_only_read_public_endpoints(
    users, who, public, method, allowed
):
    view = View(public=True) if public else View()
    assert SamverkaPermission().has_permission(request(method, users[who]), view) is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", True),
        ("editor", True),
        ("other_editor", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_reading_one_record_of_a_non_public_endpoint_needs_view_on_its_owner(places, users, who, allowed):
    assert (
        SamverkaPermission().has_object_permission(request("GET", users[who]), View(), places["arjeplog"])
        is allowed
    )


def test_reading_one_record_of_a_public_endpoint_needs_no_role(places, users):
    view = View(public=True)
    for who in ("other_editor", "outsider", "anonymous"):
        assert SamverkaPermission().has_object_permission(
            request("GET", users[who]), view, places["arjeplog"]
        )


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", True),
        ("editor", True),
        ("county", False),  # the county board reads, it does not write
        ("other_editor", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_changing_a_record_needs_edit_on_its_owner_even_on_a_public_endpoint(places, users, who, allowed):
    view = View(public=True)
    for method in ("POST", "PATCH", "PUT", "DELETE"):
        assert (
            SamverkaPermission().has_object_permission(request(method, users[who]), view, places["arjeplog"])
            is allowed
        )


def test_a_view_that_names_a_stronger_action_for_writes_gets_it(places, users):
    view = View(public=True, action_for_write=Action.PUBLISH)
    check = SamverkaPermission().has_object_permission
    assert check(request("PATCH", users["coordinator"]), view, places["arjeplog"])
    assert not check(request("PATCH", users["editor"]), view, places["arjeplog"])  # may edit, not publish
