"""The permission rules as a matrix: every role × own municipality / other municipality / anonymous."""

import pytest

from samverka.core import permissions
from samverka.core.models import Membership, Role
from samverka.core.permissions import Action

# (user key, municipality slug) -> the actions allowed there. Everything not listed is refused.
EXPECTED = {
    ("coordinator", "arjeplog"): {Action.VIEW, Action.EDIT, Action.PUBLISH, Action.MANAGE_MEMBERS},
    ("coordinator", "pitea"): set(),
    ("editor", "arjeplog"): {Action.VIEW, Action.EDIT},
    ("editor", "pitea"): set(),
    ("police", "arjeplog"): {Action.VIEW, Action.EDIT},
    ("police", "pitea"): {Action.VIEW, Action.EDIT},
    ("police", "kiruna"): set(),
    ("county", "arjeplog"): {Action.VIEW},
    ("county", "kiruna"): {Action.VIEW},
    ("other_editor", "pitea"): {Action.VIEW, Action.EDIT},
    ("other_editor", "arjeplog"): set(),
    ("outsider", "arjeplog"): set(),
    ("anonymous", "arjeplog"): set(),
    ("anonymous", "pitea"): set(),
    ("admin", "arjeplog"): set(Action),
    ("admin", "kiruna"): set(Action),
}


@pytest.mark.parametrize(("who", "where"), list(EXPECTED))
@pytest.mark.parametrize("action", list(Action))
def test_permission_matrix(users, places, who, where, action):
    allowed = action in EXPECTED[(who, where)]
    assert permissions.can(users[who], action, places[where]) is allowed


def test_collaboration_roles_follow_the_member_organisations(users, places):
    collab = places["pite_alvdal"]
    assert permissions.can_edit(users["police"], collab)
    assert permissions.can_publish(users["coordinator"], collab)
    assert not permissions.can_edit(users["county"], collab)
    assert permissions.can_view(users["county"], collab)
    assert not permissions.can_view(users["anonymous"], collab)
    assert not permissions.can_view(users["outsider"], collab)


def test_the_highest_role_wins_when_a_user_has_several_memberships(users, places):
    user = users["editor"]
    Membership.objects.create(user=user, organisation=places["orgs"]["bra-arjeplog"], role=Role.COORDINATOR)
    permissions.forget_access(user)
    assert permissions.can_publish(user, places["arjeplog"])


def test_places_filter_lists_only_the_users_municipalities(users, places):
    from samverka.core.models import Municipality

    mine = set(permissions.municipalities_for(users["other_editor"]).values_list("slug", flat=True))
    assert mine == {"pitea"}
    editable = set(
        permissions.municipalities_for(users["police"], Action.EDIT).values_list("slug", flat=True)
    )
    assert editable == {"arjeplog", "arvidsjaur", "pitea", "alvsbyn"}
    assert permissions.municipalities_for(users["anonymous"]).count() == 0
    assert permissions.municipalities_for(users["admin"]).count() == Municipality.objects.count()


def test_inactive_users_have_no_role(users, places):
    user = users["coordinator"]
    user.is_active = False
    permissions.forget_access(user)
    assert not permissions.can_view(user, places["arjeplog"])


def test_roles_are_computed_once_per_request(users, places, django_assert_num_queries):
    user = users["police"]
    permissions.forget_access(user)
    with django_assert_num_queries(3):
        for slug in ["arjeplog", "pitea", "kiruna", "alvsbyn"]:
            permissions.can_edit(user, places[slug])
