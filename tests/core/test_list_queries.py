"""The shared lists – members of an organisation, a person's API tokens, the public index of municipalities –
cost the same number of queries with ten more records."""

from django.urls import reverse

from samverka.core.models import Membership, Municipality, Role


def test_the_member_list_costs_the_same_queries_with_ten_more_members(
    users, client_for, django_user_model, queries_do_not_grow
):
    organisation = users["coordinator"].memberships.get(role=Role.COORDINATOR).organisation
    client = client_for(users["coordinator"])

    def add(i):
        person = django_user_model.objects.create_user(f"medarbetare-{i}", email=f"m{i}@example.org")
        Membership.objects.create(user=person, organisation=organisation, role=Role.EDITOR)

    queries_do_not_grow(
        lambda: client.get(reverse("members", args=[organisation.slug])), add, r"medarbetare-\d+"
    )


def test_the_token_page_costs_the_same_queries_with_ten_more_tokens(users, client_for, queries_do_not_grow):
    from samverka.api.services import api_token_create

    client = client_for(users["editor"])

    def add(i):
        api_token_create(user=users["editor"], name=f"Skript nummer {i}")

    queries_do_not_grow(lambda: client.get("/konto/api-nycklar/"), add, r"Skript nummer \d+")


def test_the_public_index_costs_the_same_queries_with_ten_more_municipalities(
    places, client, queries_do_not_grow
):
    county = places["arjeplog"].county

    def add(i):
        Municipality.objects.create(
            code=f"99{i:02}", name=f"Nykommun {i}", slug=f"nykommun-{i}", county=county
        )

    queries_do_not_grow(lambda: client.get("/p/"), add, r"Nykommun \d+")
