"""Demo: Arjeplog's completed assessment of alcohol and drugs among young people, and an ongoing one.

All numbers are DEMO NUMBERS, made up to look plausible; the assessments carry is_demo=True and every page
marks them. Two demo scorers are created: arjeplog-bedomare1 and arjeplog-bedomare2 (password
samverka-demo). Running load() twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samverka.core.demo_data import DEMO_PASSWORD
from samverka.core.models import Membership, Municipality, Organisation, Role
from samverka.readiness.models import Assessment, ConsensusScore, Interview, Score, ScoreSheet, TeamMember
from samverka.readiness.services import guide_reset, results_store

SCORERS = {
    # user name: (first, last, organisation slug, title)
    "arjeplog-bedomare1": ("Lena", "Sundberg", "arjeplog-socialtjansten", "Socialsekreterare"),
    "arjeplog-bedomare2": ("Olof", "Marklund", "arjeplog-skolan", "Skolkurator"),
}

ISSUE = "Alkohol och droger bland unga"
COMMUNITY = "Unga 13–20 år som bor i Arjeplogs kommun, och de vuxna runt dem."

# (respondent role, sector, consensus A–F, scorer 1 A–F, scorer 2 A–F) – DEMO NUMBERS
INTERVIEWS = [
    ("Rektor, högstadiet", "school", [5, 4, 5, 4, 4, 3], [5, 4, 5, 4, 4, 3], [5, 3, 5, 4, 5, 3]),
    ("Kommunpolis", "police", [4, 3, 5, 3, 5, 4], [4, 3, 4, 3, 5, 4], [4, 3, 5, 3, 5, 4]),
    (
        "Socialsekreterare, barn och unga",
        "social_services",
        [5, 3, 4, 4, 5, 3],
        [5, 3, 4, 4, 5, 3],
        [5, 4, 4, 4, 5, 3],
    ),
    ("Fritidsledare", "youth_centre", [4, 3, 4, 4, 4, 3], [4, 3, 4, 4, 4, 3], [4, 3, 4, 4, 4, 3]),
    (
        "Ordförande i en idrottsförening",
        "associations",
        [4, 3, 4, 3, 4, 3],
        [4, 3, 4, 3, 4, 3],
        [3, 3, 4, 3, 4, 3],
    ),
]

TRANSCRIPT = (
    "DEMO-UTSKRIFT (påhittad, utan namn).\n\n"
    "F: Hur stort problem är alkohol och droger bland unga här, på en skala från 1 till 10?\n"
    "S: Jag skulle säga en sexa. Vi ser det mest kring helger och skolavslutningar.\n\n"
    "F: Vilka insatser finns i dag?\n"
    "S: Föräldrastödet har startat igen, och polisen är med på föräldramöten en gång om året.\n\n"
    "F: Hur ser ledningen på frågan?\n"
    "S: Rådet för social hållbarhet har tagit upp det, men pengarna är osäkra.\n"
)

ONGOING_ISSUE = "Spel om pengar bland unga"
# Interview 1 is held, scored by both scorers and agreed in consensus; interview 2 is held, scorer 1 has
# submitted and scorer 2 has a draft (blind scoring in progress); 3–4 are planned. So the result reads
# "preliminär – 1 av 4 intervjuer" until the other three are agreed, and it is not public.
ONGOING = [
    ("Skolsköterska", "health"),
    ("Fritidsledare", "youth_centre"),
    ("Präst", "church"),
    ("Lokalpolitiker", "politics"),
]
# Interview 1 of the ongoing assessment: scorer 1, scorer 2, consensus A–F – DEMO NUMBERS
ONGOING_AGREED = ([3, 2, 3, 3, 2, 2], [3, 2, 3, 3, 2, 2], [3, 2, 3, 3, 2, 2])


@transaction.atomic
def load(stdout=None):
    User = get_user_model()
    arjeplog = Municipality.objects.get(slug="arjeplog")
    coordinator = User.objects.get(username="arjeplog-samordnare")
    interviewer = User.objects.get(username="arjeplog-redaktor")
    scorers = []
    for username, (first, last, org_slug, title) in SCORERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user,
            organisation=Organisation.objects.get(slug=org_slug),
            defaults={"role": Role.EDITOR, "title": title},
        )
        scorers.append(user)

    done = _assessment(arjeplog, ISSUE, coordinator, interviewer, scorers, completed=True)
    if not done.interviews.exists():
        start = datetime.date(2026, 9, 1)
        for number, (role, sector, consensus, first, second) in enumerate(INTERVIEWS, start=1):
            interview = Interview.objects.create(
                assessment=done,
                number=number,
                respondent_role=role,
                sector=sector,
                held_on=start + datetime.timedelta(days=7 * number),
                status=Interview.Status.HELD,
                interviewer=interviewer,
                transcript=TRANSCRIPT,
            )
            for scorer, values in zip(scorers, (first, second), strict=True):
                _sheet(interview, scorer, values, submitted=True)
            for key, value in zip("ABCDEF", consensus, strict=True):
                reason = "" if value in (first["ABCDEF".index(key)], second["ABCDEF".index(key)]) else "Demo."
                ConsensusScore.objects.create(
                    interview=interview,
                    dimension=key,
                    value=Decimal(value),
                    reason=reason,
                    decided_by=coordinator,
                )
            for key, a, b, c in zip("ABCDEF", first, second, consensus, strict=True):
                if a != b and c in (a, b):
                    ConsensusScore.objects.filter(interview=interview, dimension=key).update(
                        reason="Demo: intervjun beskriver insatser men inte att de är kända bland invånarna."
                    )
    Assessment.objects.filter(pk=done.pk).update(
        completed=True,
        published=True,
        shared_with_county=True,
        summary="**Demodata.** Fem intervjuer med nyckelpersoner hösten 2026. Siffrorna är påhittade.",
    )

    ongoing = _assessment(
        arjeplog, ONGOING_ISSUE, coordinator, interviewer, scorers, completed=False, area="gambling"
    )
    if not ongoing.interviews.exists():
        for number, (role, sector) in enumerate(ONGOING, start=1):
            held = number in (1, 2)
            interview = Interview.objects.create(
                assessment=ongoing,
                number=number,
                respondent_role=role,
                sector=sector,
                held_on=datetime.date(2026, 10, 26 + number) if held else None,
                status=Interview.Status.HELD if held else Interview.Status.PLANNED,
                interviewer=interviewer if held else None,
                transcript=TRANSCRIPT.replace("alkohol och droger", "spel om pengar") if held else "",
            )
            if number == 1:
                first, second, consensus = ONGOING_AGREED
                _sheet(interview, scorers[0], first, submitted=True)
                _sheet(interview, scorers[1], second, submitted=True)
                for key, value in zip("ABCDEF", consensus, strict=True):
                    ConsensusScore.objects.create(
                        interview=interview, dimension=key, value=Decimal(value), decided_by=coordinator
                    )
            elif number == 2:
                _sheet(
                    interview, scorers[0], [3, 2, 3, 3, 2, 2], submitted=True
                )  # DEMO: scorer 1 has submitted
                _sheet(interview, scorers[1], [3, None, None, None, None, None], submitted=False)  # a draft
    # Written directly above, as the services would have: keep the results they would have stored.
    results_store(assessments=Assessment.objects.filter(pk__in=[done.pk, ongoing.pk]))


def _assessment(place, issue, coordinator, interviewer, scorers, completed, area="alcohol"):
    assessment, created = Assessment.objects.get_or_create(
        municipality=place,
        issue=issue,
        is_demo=True,
        defaults={
            "substance_area": area,
            "community": COMMUNITY,
            "model": Assessment.Model.SIX,
            "step": Assessment.Step.WHOLE,
            "completed": completed,
            "created_by": coordinator,
        },
    )
    if created:
        TeamMember.objects.create(assessment=assessment, user=coordinator, role=TeamMember.Role.COORDINATOR)
        TeamMember.objects.create(assessment=assessment, user=interviewer, role=TeamMember.Role.INTERVIEWER)
        for scorer in scorers:
            TeamMember.objects.create(assessment=assessment, user=scorer, role=TeamMember.Role.SCORER)
        guide_reset(assessment=assessment)
    return assessment


def _sheet(interview, scorer, values, submitted):
    sheet = ScoreSheet.objects.create(
        interview=interview, scorer=scorer, submitted_at=timezone.now() if submitted else None
    )
    for key, value in zip("ABCDEF", values, strict=True):
        Score.objects.create(sheet=sheet, dimension=key, value=None if value is None else Decimal(value))
