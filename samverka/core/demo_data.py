"""The places, organisations and demo users of the source pages (Arjeplog, Pite älvdal, Norrbotten)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from samverka.core.models import Collaboration, County, Membership, Municipality, Organisation, Role

DEMO_PASSWORD = "samverka-demo"  # noqa: S105 - documented in README, demo only

NORRBOTTEN = [
    ("2505", "Arvidsjaur", "arvidsjaur"),
    ("2506", "Arjeplog", "arjeplog"),
    ("2510", "Jokkmokk", "jokkmokk"),
    ("2513", "Överkalix", "overkalix"),
    ("2514", "Kalix", "kalix"),
    ("2518", "Övertorneå", "overtornea"),
    ("2521", "Pajala", "pajala"),
    ("2523", "Gällivare", "gallivare"),
    ("2560", "Älvsbyn", "alvsbyn"),
    ("2580", "Luleå", "lulea"),
    ("2581", "Piteå", "pitea"),
    ("2582", "Boden", "boden"),
    ("2583", "Haparanda", "haparanda"),
    ("2584", "Kiruna", "kiruna"),
]
PITE_ALVDAL = ["arjeplog", "arvidsjaur", "pitea", "alvsbyn"]

K = Organisation.Kind
# The role address and switchboard the source page gives as the municipality's contact (no person's).
CONTACTS = {"arjeplogs-kommun": ("kommun@arjeplog.se", "0961-140 00")}
# slug: (name, kind, parent slug, municipalities it works in ("*" = the whole county), description)
ORGANISATIONS = {
    "arjeplogs-kommun": ("Arjeplogs kommun", K.MUNICIPALITY, None, ["arjeplog"], ""),
    "arjeplog-socialtjansten": (
        "Socialtjänsten i Arjeplog",
        K.SOCIAL_SERVICES,
        "arjeplogs-kommun",
        ["arjeplog"],
        "",
    ),
    "arjeplog-skolan": ("Skolan i Arjeplog", K.SCHOOL, "arjeplogs-kommun", ["arjeplog"], ""),
    "fritidsgarden-polar": ("Fritidsgården Polar", K.YOUTH_CENTRE, "arjeplogs-kommun", ["arjeplog"], ""),
    "arvidsjaurs-kommun": ("Arvidsjaurs kommun", K.MUNICIPALITY, None, ["arvidsjaur"], ""),
    "pitea-kommun": ("Piteå kommun", K.MUNICIPALITY, None, ["pitea"], ""),
    "alvsbyns-kommun": ("Älvsbyns kommun", K.MUNICIPALITY, None, ["alvsbyn"], ""),
    "lpo-pitea-alvdal": ("Polisen, lokalpolisområde Piteå älvdal", K.POLICE_AREA, None, PITE_ALVDAL, ""),
    "lansstyrelsen-norrbotten": ("Länsstyrelsen i Norrbottens län", K.COUNTY_BOARD, None, ["*"], ""),
    "region-norrbotten": ("Region Norrbotten", K.REGION, None, ["*"], ""),
    "gallivare-halsocentral": (
        "Gällivare hälsocentral",
        K.REGION,
        "region-norrbotten",
        ["gallivare", "arjeplog"],
        "",
    ),
    "systembolaget": ("Systembolaget", K.ALCOHOL_RETAILER, None, ["arjeplog"], ""),
    "svenska-kyrkan-arjeplog": ("Svenska kyrkan", K.CHURCH, None, ["arjeplog"], ""),
    "arbetsformedlingen": ("Arbetsförmedlingen", K.EMPLOYMENT_SERVICE, None, ["arjeplog"], ""),
    "radet-for-social-hallbarhet": (
        "Rådet för social hållbarhet",
        K.GOVERNING_BODY,
        None,
        ["arjeplog"],
        "Kommunledningen samverkar här med ledningen inom Polisen, Region Norrbotten/Gällivare hälsocentral, "
        "Arbetsförmedlingen och Svenska kyrkan.",
    ),
    "bra-arjeplog": (
        "BRÅ Arjeplog",
        K.GOVERNING_BODY,
        "radet-for-social-hallbarhet",
        ["arjeplog"],
        "Det lokala brottsförebyggande rådet: en arbetsgrupp där kommunen och polisen samarbetar, "
        "styrd av Rådet för social hållbarhet.",
    ),
}
COUNCIL_REPRESENTS = [
    "arjeplogs-kommun",
    "lpo-pitea-alvdal",
    "region-norrbotten",
    "gallivare-halsocentral",
    "arbetsformedlingen",
    "svenska-kyrkan-arjeplog",
]
BRA_REPRESENTS = ["arjeplogs-kommun", "lpo-pitea-alvdal"]

# user name: (first, last, organisation slug, role, title)
USERS = {
    "arjeplog-samordnare": (
        "Anna",
        "Lindqvist",
        "arjeplogs-kommun",
        Role.COORDINATOR,
        "Preventionssamordnare",
    ),
    "arjeplog-redaktor": ("Erik", "Nilsson", "arjeplogs-kommun", Role.EDITOR, "Kommunikatör"),
    "polis-pitealvdal": ("Maria", "Berg", "lpo-pitea-alvdal", Role.EDITOR, "Kommunpolis"),
    "lansstyrelsen": ("Johan", "Lund", "lansstyrelsen-norrbotten", Role.READER, "ANDTS-samordnare"),
    "pitea-redaktor": ("Sara", "Holm", "pitea-kommun", Role.EDITOR, "Folkhälsostrateg"),
    # Each municipality of Pite älvdal approves the collaboration's promise through its own coordinator.
    "arvidsjaur-samordnare": (
        "Karin",
        "Öberg",
        "arvidsjaurs-kommun",
        Role.COORDINATOR,
        "Folkhälsosamordnare",
    ),
    "pitea-samordnare": ("Per", "Sandberg", "pitea-kommun", Role.COORDINATOR, "ANDTS-samordnare"),
    "alvsbyn-samordnare": ("Lars", "Åberg", "alvsbyns-kommun", Role.COORDINATOR, "Preventionssamordnare"),
}


@transaction.atomic
def load(stdout=None):
    county, _ = County.objects.update_or_create(
        code="25", defaults={"name": "Norrbottens län", "slug": "norrbotten"}
    )
    places = {}
    for code, name, slug in NORRBOTTEN:
        places[slug], _ = Municipality.objects.update_or_create(
            code=code, defaults={"name": name, "slug": slug, "county": county}
        )

    orgs = {}
    for slug, (name, kind, parent, works_in, description) in ORGANISATIONS.items():
        org, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "parent": orgs.get(parent), "description": description},
        )
        org.municipalities.set(places.values() if works_in == ["*"] else [places[s] for s in works_in])
        orgs[slug] = org
    for slug, (email, phone) in CONTACTS.items():
        Organisation.objects.filter(slug=slug).update(email=email, phone=phone)
    orgs["radet-for-social-hallbarhet"].represented.set([orgs[s] for s in COUNCIL_REPRESENTS])
    orgs["bra-arjeplog"].represented.set([orgs[s] for s in BRA_REPRESENTS])

    collab, _ = Collaboration.objects.update_or_create(
        slug="pite-alvdal",
        defaults={
            "name": "Pite älvdal",
            "description": "Arjeplog, Arvidsjaur, Piteå och Älvsbyn samverkar med polisen och Länsstyrelsen "
            "kring alkohol, narkotika, doping, tobak och spel (ANDTS).",
        },
    )
    collab.municipalities.set([places[s] for s in PITE_ALVDAL])
    collab.organisations.set(
        [
            orgs[s]
            for s in [
                "arjeplogs-kommun",
                "arvidsjaurs-kommun",
                "pitea-kommun",
                "alvsbyns-kommun",
                "lpo-pitea-alvdal",
                "lansstyrelsen-norrbotten",
            ]
        ]
    )

    User = get_user_model()
    for username, (first, last, org_slug, role, title) in USERS.items():
        user = _demo_user(User, username, first_name=first, last_name=last)
        Membership.objects.update_or_create(
            user=user, organisation=orgs[org_slug], defaults={"role": role, "title": title}
        )
    _demo_user(User, "admin", first_name="Admin", last_name="", is_staff=True, is_superuser=True)


def _demo_user(User, username, **fields):
    user, created = User.objects.get_or_create(
        username=username, defaults={**fields, "email": f"{username}@example.org"}
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user
