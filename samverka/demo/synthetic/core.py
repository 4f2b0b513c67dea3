"""Counties, municipalities, organisations, collaborations, users and memberships."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from samverka.core.models import Collaboration, County, Membership, Municipality, Organisation, Role
from samverka.demo.synthetic.names import COUNTIES, place_name, slugify_ascii

PASSWORD = "samverka-demo"  # noqa: S105 - synthetic data only, like the demo
K = Organisation.Kind
EXTRA_KINDS = [K.SCHOOL, K.SOCIAL_SERVICES, K.YOUTH_CENTRE, K.ASSOCIATION, K.CHURCH, K.ALCOHOL_RETAILER]


def generate(ctx):
    rng, scale = ctx.rng, ctx.scale
    counties = COUNTIES[-scale.counties :]  # small and county scales: Norrbotten
    ctx.counties = [County(code=code, name=name, slug=slugify_ascii(name)) for code, name in counties]
    ctx.bulk(County, ctx.counties)

    taken: set[str] = set()
    per_county = [scale.municipalities // len(ctx.counties)] * len(ctx.counties)
    for index in range(scale.municipalities - sum(per_county)):
        per_county[index] += 1
    for county, number in zip(ctx.counties, per_county, strict=True):
        for index in range(number):
            name = place_name(rng, taken)
            code = f"{county.code}{index + 1:02d}"
            ctx.municipalities.append(
                Municipality(code=code, name=name, slug=f"{slugify_ascii(name)}-{code}", county=county)
            )
    ctx.bulk(Municipality, ctx.municipalities)

    organisations, works_in = [], []

    def organisation(name, kind, places, parent=None):
        org = Organisation(
            id=ctx.uuid(),
            name=name,
            slug=f"{slugify_ascii(name)}-{len(organisations) + 1}",
            kind=kind,
            parent=parent,
            email=f"info{len(organisations) + 1}@example.se",
        )
        organisations.append(org)
        works_in.extend((org, place) for place in places)
        return org

    administration, county_boards = {}, {}
    for place in ctx.municipalities:
        administration[place.pk] = organisation(f"{place.name} kommun", K.MUNICIPALITY, [place])
    for county in ctx.counties:
        places = [m for m in ctx.municipalities if m.county_id == county.pk]
        county_boards[county.pk] = organisation(f"Länsstyrelsen i {county.name}", K.COUNTY_BOARD, places)
        organisation(f"Region {county.name.removesuffix(' län')}", K.REGION, places)
        for start in range(0, len(places), 5):
            group = places[start : start + 5]
            organisation(f"Polisen, lokalpolisområde {group[0].name}", K.POLICE_AREA, group)
    for number in range(scale.extra_organisations):
        place = rng.choice(ctx.municipalities)
        kind = rng.choice(EXTRA_KINDS)
        organisation(
            f"{kind.label} {number + 1} i {place.name}", kind, [place], parent=administration[place.pk]
        )
    ctx.bulk(Organisation, [o for o in organisations if o.parent is None])
    ctx.bulk(Organisation, [o for o in organisations if o.parent is not None])
    Through = Organisation.municipalities.through
    ctx.bulk(Through, [Through(organisation_id=o.pk, municipality_id=m.pk) for o, m in works_in])
    ctx.organisations = organisations
    for org, place in works_in:
        ctx.organisations_by_municipality.setdefault(place.pk, []).append(org)

    # Collaborations: neighbouring municipalities in threes, about one in five municipalities.
    collaborations, collab_places = [], []
    for start in range(0, len(ctx.municipalities) - 2, 15):
        group = ctx.municipalities[start : start + 3]
        collab = Collaboration(
            id=ctx.uuid(), name=f"Samverkan {group[0].name}–{group[-1].name}", slug=f"samverkan-{start + 1}"
        )
        collaborations.append(collab)
        collab_places.extend((collab, m) for m in group)
    ctx.bulk(Collaboration, collaborations)
    Through = Collaboration.municipalities.through
    ctx.bulk(Through, [Through(collaboration_id=c.pk, municipality_id=m.pk) for c, m in collab_places])

    # Users: a coordinator and an editor in every municipality (named after it), the rest spread out.
    User = get_user_model()
    password = make_password(PASSWORD)
    users, memberships = [], []

    def user(username, first, last, org, role, superuser=False):
        account = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.se",
            password=password,
            is_superuser=superuser,
            is_staff=superuser,
        )
        users.append(account)
        if org is not None:
            memberships.append((account, org, role))

    user("admin", "Admin", "Istratör", None, None, superuser=True)
    first_names = ["Anna", "Erik", "Maria", "Lars", "Sara", "Johan", "Karin", "Per", "Lena", "Mikael"]
    last_names = ["Lindqvist", "Nilsson", "Berg", "Holm", "Ström", "Åberg", "Öberg", "Sandberg"]
    for place in ctx.municipalities:
        slug = place.slug
        user(
            f"{slug}-samordnare",
            rng.choice(first_names),
            rng.choice(last_names),
            administration[place.pk],
            Role.COORDINATOR,
        )
        user(
            f"{slug}-redaktor",
            rng.choice(first_names),
            rng.choice(last_names),
            administration[place.pk],
            Role.EDITOR,
        )
    for county in ctx.counties:
        user(f"lansstyrelsen-{county.slug}", "Lena", "Länsdotter", county_boards[county.pk], Role.READER)
    number = 0
    while len(users) < scale.users:
        number += 1
        org = rng.choice(organisations)
        role = rng.choices([Role.READER, Role.EDITOR, Role.COORDINATOR], weights=[5, 4, 1])[0]
        user(f"anvandare-{number:05d}", rng.choice(first_names), rng.choice(last_names), org, role)
    ctx.bulk(User, users)
    by_name = {u.username: u.pk for u in User.objects.filter(username__in=[u.username for u in users])}
    ctx.bulk(
        Membership,
        [Membership(user_id=by_name[u.username], organisation_id=o.pk, role=r) for u, o, r in memberships],
    )
    ctx.users = users
    ctx.user_ids = by_name
