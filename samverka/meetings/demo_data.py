"""The meeting of the source page (18 November 2019, Älvsbyn: the municipalities' communicators, the
police and the county board shared a lägesbild and discussed communication), its action item, and an
årshjul for Pite älvdal and for Arjeplog. Idempotent."""

import datetime
from zoneinfo import ZoneInfo

from samverka.core.models import Collaboration, Municipality, Organisation
from samverka.meetings.models import ActionItem, AnnualEvent, Decision, Meeting
from samverka.situation.models import SituationReport

NOTES = """Kommunernas kommunikatörer, polisen och Länsstyrelsen träffades för att diskutera gemensamma insatser
i arbetet mot alkohol, narkotika, doping, tobak och spel (ANDTS). Vi delade en lägesbild och diskuterade
kommunikation.

- Att informera om ANDTS är en uppgift för polisen, men även för Länsstyrelsen och kommunerna.
- I Arjeplog sker arbetet delvis genom medborgarlöftena 2019–2020: synliggöra det förebyggande arbetet i
  media, fortbilda föräldrar, elever och personal en gång per år, och en kväll varje år för ett tryggare
  föräldraskap.
- Community Readiness-modellen diskuterades som ett sätt att ta temperaturen på var organisationen står
  och vad som behöver utvecklas.
- Den största bristen är oftast kunskapen om insatser och förebyggande arbete; därför är kommunikation,
  internt och externt, viktig (Länsstyrelsen).
"""

AGENDA = """1. Gemensam lägesbild för Pite älvdal
2. Medborgarlöften i Arjeplog 2019–2020
3. Community Readiness-modellen
4. Gemensam kommunikation om det förebyggande arbetet
"""

ANNUAL = [
    # (title, kind, month, day, description)
    (
        "Drogvaneundersökning i åk 9 och gy 2",
        "survey",
        3,
        15,
        "Enkäten genomförs i skolorna under vecka 11–12.",
    ),
    (
        "Länsrapporten till Länsstyrelsen",
        "report",
        2,
        28,
        "Folkhälsomyndighetens årliga enkät om ANDT-arbetet.",
    ),
    ("Uppföljning av medborgarlöftena", "follow_up", 12, 1, "Skriftlig sammanfattning till rådet."),
    (
        "Föräldrakväll för ett tryggare föräldraskap",
        "parents_evening",
        10,
        15,
        "Polis, skola och socialtjänst.",
    ),
    ("Samverkansmöte Pite älvdal", "council", 11, 18, "Kommunikatörer, polisen och Länsstyrelsen."),
]


# In Arjeplog's public annual calendar (/p/arjeplog/arshjul.ics); the others stay internal.
PUBLIC_IN_ARJEPLOG = {"Drogvaneundersökning i åk 9 och gy 2", "Föräldrakväll för ett tryggare föräldraskap"}


def load(stdout=None):
    collab = Collaboration.objects.get(slug="pite-alvdal")
    orgs = {o.slug: o for o in Organisation.objects.all()}
    shared = SituationReport.objects.filter(
        collaboration=collab, title="Gemensam lägesbild Pite älvdal 2019"
    ).first()
    # The source does not name who convened the meeting; the county board is assumed for the demo.
    meeting, _ = Meeting.objects.update_or_create(
        collaboration=collab,
        title="Gränsöverskridande samarbete om ANDTS",
        defaults={
            "starts_at": datetime.datetime(2019, 11, 18, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")),
            "location": "Älvsbyn",
            "organiser": orgs["lansstyrelsen-norrbotten"],
            "agenda": AGENDA,
            "notes": NOTES,
            "situation_report": shared,
        },
    )
    meeting.participants.set(
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
    Decision.objects.update_or_create(
        meeting=meeting,
        text="Kommunikatörerna samordnar hur kommunerna och polisen berättar om det förebyggande arbetet.",
    )
    ActionItem.objects.update_or_create(
        meeting=meeting,
        text="Ta fram förslag på gemensam kommunikation om ANDTS-arbetet",
        defaults={
            "owner_organisation": orgs["arjeplogs-kommun"],
            "due_date": datetime.date(2020, 2, 28),
        },
    )
    arjeplog = Municipality.objects.get(slug="arjeplog")
    for owner_fields in ({"collaboration": collab}, {"municipality": arjeplog}):
        for title, kind, month, day, description in ANNUAL:
            AnnualEvent.objects.update_or_create(
                **owner_fields,
                title=title,
                defaults={
                    "kind": kind,
                    "month": month,
                    "day": day,
                    "first_year": 2019,
                    "description": description,
                    "is_public": "municipality" in owner_fields and title in PUBLIC_IN_ARJEPLOG,
                },
            )
