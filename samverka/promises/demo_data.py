"""Demo promises and plans from the source pages.

- Arjeplog's citizen promise on ANDTS for 2019–2020 with the three commitments the source page quotes
  (000_2c9f9803ac1da9db.txt), signed by office, concluded, with follow-ups (marked as demo data: the
  source says nothing of what was done) and verdicts.
- The same promise renewed for 2026–2027, active, with a few follow-ups (the training is not yet reported).
- A current promise for Pite älvdal (the collaboration), active: each of the four municipalities has
  approved through its own coordinator, and the police has approved. Its commitments are the real
  examples from the same police area.
- BRÅ Arjeplog's joint action plan with two goals and three measures carried out by catalogue activities,
  adopted (approved by Arjeplog's coordinator and the police).
- Pite älvdal's action plan against proxy purchase for 2026–2027, awaiting the police's approval: the
  four municipalities have approved, each through its own coordinator.

Idempotent: every row has an id derived from a stable key; running the loader twice changes nothing.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from samverka.activities.models import Activity
from samverka.core.models import Collaboration, Municipality, Organisation
from samverka.promises import selectors
from samverka.promises.models import (
    ActionPlan,
    Approval,
    Commitment,
    FollowUp,
    Goal,
    Party,
    PlannedEvent,
    PlanState,
    Promise,
    PromiseState,
    Signatory,
    Target,
    Verdict,
)

NAMESPACE = uuid.UUID("b3a4c1f2-7d1e-4f7a-9c0e-5d2f8e6a4b10")
D = datetime.date


def _id(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


ARJEPLOG_COMMITMENTS = [
    (
        "visibility",
        "Kommunen och polisen ska belysa det förebyggande arbetet som genomförs i Arjeplog. Arbetet ska "
        "synliggöras genom media och andra informationskanaler till allmänheten.",
        ["arjeplogs-kommun", "lpo-pitea-alvdal"],
        Decimal(2),
        [
            (
                D(2019, 5, 14),
                "Artikel i lokaltidningen om kommunens och polisens förebyggande arbete.",
                1,
                None,
            ),
            (
                D(2019, 11, 18),
                "Nyhet på kommunens webbplats om medborgarlöftet och ANDTS-träffen i Älvsbyn.",
                1,
                None,
            ),
            (D(2020, 9, 2), "Inlägg i kommunens och polisens sociala medier inför skolstarten.", 1, None),
        ],
        (
            Verdict.Value.PARTLY_KEPT,
            "Arbetet synliggjordes tre gånger av fyra planerade. Under 2020 ställdes flera planerade "
            "informationsinsatser in på grund av pandemin.",
        ),
    ),
    (
        "training",
        "Polis och socialtjänst kommer att fortbilda föräldrar, elever och personal som arbetar med barn "
        "och ungdomar gällande drogproblematik en gång per år.",
        ["lpo-pitea-alvdal", "arjeplog-socialtjansten"],
        Decimal(1),
        [
            (D(2019, 10, 8), "Fortbildning om droger för föräldrar, elever och skolpersonal i aulan.", 1, 85),
            (D(2020, 10, 13), "Fortbildningen hölls digitalt för personal och föräldrar.", 1, 40),
        ],
        (Verdict.Value.KEPT, "Fortbildningen genomfördes båda åren, 2020 i digital form."),
    ),
    (
        "parents-evening",
        "Polis, skola och socialtjänst kommer att anordna en kväll varje år som syftar till att främja ett "
        "tryggare föräldraskap och stärka skyddsfaktorer.",
        ["lpo-pitea-alvdal", "arjeplog-skolan", "arjeplog-socialtjansten"],
        Decimal(1),
        [(D(2019, 3, 20), "Föräldrakväll om tryggare föräldraskap och skyddsfaktorer.", 1, 60)],
        (
            Verdict.Value.PARTLY_KEPT,
            "Föräldrakvällen hölls 2019. Kvällen 2020 ställdes in på grund av pandemin och ersattes inte.",
        ),
    ),
]

PITE_COMMITMENTS = [
    (
        "meetings",
        "Polisen och kommunerna håller minst tre öppna medborgarmöten per år.",
        ["lpo-pitea-alvdal"],
        {"kind": Target.Kind.COUNT, "amount": Decimal(3), "unit": Target.Unit.YEAR},
    ),
    (
        "visibility",
        "Polisen genomför fem synlighetsaktiviteter i veckan på platser som invånarna pekat ut.",
        ["lpo-pitea-alvdal"],
        {"kind": Target.Kind.COUNT, "amount": Decimal(5), "unit": Target.Unit.WEEK},
    ),
    (
        "school-searches",
        "Skolsök med narkotikahund görs två gånger per år i samråd med skolorna.",
        ["lpo-pitea-alvdal"],
        {"kind": Target.Kind.COUNT, "amount": Decimal(2), "unit": Target.Unit.YEAR},
    ),
    (
        "survey",
        "En drogvaneundersökning genomförs och följs upp i alla fyra kommuner.",
        ["arjeplogs-kommun", "arvidsjaurs-kommun", "pitea-kommun", "alvsbyns-kommun"],
        {"kind": Target.Kind.MILESTONE, "due": D(2027, 6, 30)},
    ),
]

PITE_COORDINATORS = [
    ("arjeplog", "arjeplog-samordnare"),
    ("arvidsjaur", "arvidsjaur-samordnare"),
    ("pitea", "pitea-samordnare"),
    ("alvsbyn", "alvsbyn-samordnare"),
]

PITE_PLAN_TITLE = "Pite älvdals åtgärdsplan mot langning 2026–2027"
PITE_PLAN_MEASURES = [
    (
        "controls",
        "Gemensam kontroll mot langning inför skolavslutning, midsommar och skolstart i alla fyra kommuner.",
        {"kind": Target.Kind.COUNT, "amount": Decimal(3), "unit": Target.Unit.YEAR},
    ),
    (
        "parents",
        "Information till vårdnadshavare om langning inför skolavslutningen, varje år.",
        {"kind": Target.Kind.COUNT, "amount": Decimal(1), "unit": Target.Unit.YEAR},
    ),
]

BRA_GOALS = [
    ("less-access", "Minska ungas tillgång till alkohol och narkotika."),
    ("early", "Upptäcka unga i riskzon tidigt och erbjuda stöd."),
]

# key, goal key, text, activity titles, target, follow-ups
BRA_MEASURES = [
    (
        "outreach",
        "less-access",
        "Kommunen och polisen gör gemensam uppsökande verksamhet kvällar och helger, minst två gånger i månaden.",
        ["Uppsökande verksamhet kvällar och helger"],
        {"kind": Target.Kind.COUNT, "amount": Decimal(2), "unit": Target.Unit.MONTH},
        [
            (D(2025, 1, 17), "Uppsökande kväll i centrum.", 1),
            (D(2025, 1, 31), "Uppsökande kväll vid skolan.", 1),
        ],
    ),
    (
        "proxy-purchase",
        "less-access",
        "Gemensam kontroll mot langning inför skolavslutning och midsommar, två gånger per år.",
        ["Samarbete mot langning"],
        {"kind": Target.Kind.COUNT, "amount": Decimal(2), "unit": Target.Unit.YEAR},
        [(D(2025, 6, 5), "Kontroll mot langning inför skolavslutningen, med Systembolaget.", 1)],
    ),
    (
        "concern-talks",
        "early",
        "En gemensam rutin för orosamtal med unga och vårdnadshavare fastställs.",
        ["Orosamtal", "Riktat arbete mot skolfrånvaro"],
        {"kind": Target.Kind.MILESTONE, "due": D(2025, 12, 31)},
        [(D(2025, 4, 10), "Rutinen för orosamtal antogs av BRÅ.", 1)],
    ),
]


def _link(record) -> dict:
    """The foreign key that ties a row to `record`, a promise or an action plan."""
    return {"promise": record} if isinstance(record, Promise) else {"plan": record}


def _commitment(key, parent, text, order, responsible, target: dict, **extra):
    scope = {"municipality": parent.municipality, "collaboration": parent.collaboration}
    commitment, _ = Commitment.objects.update_or_create(
        pk=_id(key), defaults={"text": text, "order": order, **_link(parent), **scope, **extra}
    )
    Target.objects.update_or_create(commitment=commitment, defaults={**target, **scope})
    commitment.responsible.set(responsible)
    return commitment


def _follow_up(key, commitment, day, text, amount, participants=None, reported_for=None, user=None):
    FollowUp.objects.get_or_create(
        pk=_id(key),
        defaults={
            "commitment": commitment,
            "date": day,
            "description": text,
            "amount": Decimal(amount) if amount is not None else None,
            "participants": participants,
            "reported_for": reported_for,
            "reported_by": user,
            "is_demo": True,
            "municipality": commitment.municipality,
            "collaboration": commitment.collaboration,
        },
    )


def _arjeplog_commitments(prefix, promise, orgs) -> dict:
    """Arjeplog's three ANDTS commitments (ARJEPLOG_COMMITMENTS) under `promise`, by key: the 2019 promise
    and its renewal share them."""
    commitments = {}
    for order, (key, text, responsible, amount, *_later) in enumerate(ARJEPLOG_COMMITMENTS, 1):
        commitments[key] = _commitment(
            f"{prefix}-{key}",
            promise,
            text,
            order,
            [orgs[s] for s in responsible],
            {"kind": Target.Kind.COUNT, "amount": amount, "unit": Target.Unit.YEAR},
        )
    return commitments


def _parents_evening(key, commitment, day):
    """The parents' evening planned in Arjeplog's school hall under `commitment`."""
    PlannedEvent.objects.update_or_create(
        pk=_id(key),
        defaults={
            "commitment": commitment,
            "title": "Föräldrakväll: tryggare föräldraskap",
            "date": day,
            "place": "Aulan, Arjeplog",
            "municipality": commitment.municipality,
        },
    )


def _signatories(prefix, promise, offices, scope: dict):
    """`offices`: (key, office, organisation) rows; `scope`: the promise's municipality or collaboration."""
    for key, office, org in offices:
        Signatory.objects.update_or_create(
            pk=_id(f"{prefix}-{key}"),
            defaults={"promise": promise, "office": office, "organisation": org, **scope},
        )


def _approve(record, party, user, **lookup):
    """`user` approves the current revision of `record` for `party` (with `lookup`, e.g. `signs_for`).
    An approval already given stays as it is."""
    Approval.objects.get_or_create(
        **_link(record),
        party=party,
        revision=record.revision,
        **lookup,
        defaults={
            "approved_by": user,
            "municipality": record.municipality,
            "collaboration": record.collaboration,
        },
    )


def _arjeplog_promise(key, title, start, end, state, background, *, orgs, signers):
    """An Arjeplog promise of the demo signed by the councillor and the police area's chief, approved by
    both parties (`signers`: the coordinator and the officer)."""
    arjeplog, police = Municipality.objects.get(slug="arjeplog"), orgs["lpo-pitea-alvdal"]
    promise, _ = Promise.objects.update_or_create(
        pk=_id(key),
        defaults={
            "municipality": arjeplog,
            "collaboration": None,
            "title": title,
            "police_area": police,
            "start": start,
            "end": end,
            "state": state,
            "background": background,
        },
    )
    _signatories(
        key,
        promise,
        [
            ("sig-councillor", "Kommunalråd", orgs["arjeplogs-kommun"]),
            ("sig-police", "Lokalpolisområdeschef", police),
        ],
        {"municipality": arjeplog},
    )
    for party, user in zip([Party.MUNICIPALITY, Party.POLICE], signers, strict=True):
        _approve(promise, party, user)
    return promise


@transaction.atomic
def load(stdout=None):
    arjeplog = Municipality.objects.get(slug="arjeplog")
    orgs = {o.slug: o for o in Organisation.objects.all()}
    police = orgs["lpo-pitea-alvdal"]
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["arjeplog-samordnare", "polis-pitealvdal"])
    }
    coordinator, officer = users["arjeplog-samordnare"], users["polis-pitealvdal"]

    # --- Arjeplog 2019–2020, concluded ------------------------------------------------------------
    promise = _arjeplog_promise(
        "arjeplog-2019",
        "Medborgarlöfte ANDTS 2019–2020: Förebyggande arbete och information",
        D(2019, 1, 1),
        D(2020, 12, 31),
        PromiseState.CONCLUDED,
        (
            "Medborgarlöftet bygger på medborgardialoger, medarbetardialoger och polisens och kommunens "
            "lägesbild. Polisen och Arjeplogs kommun lovar gemensamt att under 2019–2020 arbeta särskilt "
            "med förebyggande arbete och information om alkohol, narkotika, doping, tobak och spel."
        ),
        orgs=orgs,
        signers=(coordinator, officer),
    )
    commitments = _arjeplog_commitments("arjeplog-2019", promise, orgs)
    for key, _text, responsible, _amount, follow_ups, verdict in ARJEPLOG_COMMITMENTS:
        commitment = commitments[key]
        for n, (day, description, amount_done, participants) in enumerate(follow_ups):
            _follow_up(
                f"arjeplog-2019-{key}-{n}",
                commitment,
                day,
                description,
                amount_done,
                participants,
                reported_for=orgs[responsible[0]],
                user=officer if responsible[0] == "lpo-pitea-alvdal" else coordinator,
            )
        if key == "parents-evening":
            _parents_evening("arjeplog-2019-evening-2020", commitment, D(2020, 3, 18))
        proposed = commitment.proposed_verdict(D(2021, 1, 15))
        Verdict.objects.get_or_create(
            commitment=commitment,
            defaults={
                "value": verdict[0],
                "proposed": proposed.value if proposed else "",
                "explanation": verdict[1],
                "confirmed_by": coordinator,
                "municipality": arjeplog,
            },
        )

    # --- Arjeplog 2026–2027: the promise renewed, active (journey 2 records its training evening) ------
    current = _arjeplog_promise(
        "arjeplog-2026",
        "Medborgarlöfte ANDTS 2026–2027: Förebyggande arbete och information",
        D(2026, 1, 1),
        D(2027, 12, 31),
        PromiseState.ACTIVE,
        "Löftet från 2019–2020 förnyas med samma tre åtaganden.",
        orgs=orgs,
        signers=(coordinator, officer),
    )
    commitments = _arjeplog_commitments("arjeplog-2026", current, orgs)
    _follow_up(
        "arjeplog-2026-visibility-0",
        commitments["visibility"],
        D(2026, 2, 10),
        "Artikel på kommunens webbplats om det förnyade medborgarlöftet.",
        1,
        reported_for=orgs["arjeplogs-kommun"],
        user=coordinator,
    )
    _follow_up(
        "arjeplog-2026-evening-0",
        commitments["parents-evening"],
        D(2026, 3, 19),
        "Föräldrakväll om tryggare föräldraskap i aulan.",
        1,
        55,
        reported_for=orgs["arjeplog-skolan"],
        user=coordinator,
    )
    _parents_evening("arjeplog-2026-evening-2027", commitments["parents-evening"], D(2027, 3, 18))

    # --- Arjeplog 2027: signed by both parties, public, not yet begun ("Kommande") ------------------
    summer = _arjeplog_promise(
        "arjeplog-2027",
        "Medborgarlöfte 2027: Trygg sommar i Arjeplog",
        D(2027, 1, 1),
        D(2027, 12, 31),
        PromiseState.ACTIVE,
        "Medborgardialogen hösten 2026 pekade ut sommarens evenemang och langning till unga.",
        orgs=orgs,
        signers=(coordinator, officer),
    )
    _commitment(
        "arjeplog-2027-events",
        summer,
        "Polisen och kommunen är synliga tillsammans vid sommarens tre största evenemang.",
        1,
        [police, orgs["arjeplogs-kommun"]],
        {"kind": Target.Kind.COUNT, "amount": Decimal(3), "unit": Target.Unit.YEAR},
    )

    # --- Pite älvdal, current, approved by the four municipalities and the police ------------------
    collab = Collaboration.objects.get(slug="pite-alvdal")
    pite, _ = Promise.objects.update_or_create(
        pk=_id("pite-alvdal-2026"),
        defaults={
            "municipality": None,
            "collaboration": collab,
            "title": "Medborgarlöfte Pite älvdal 2026–2027: Trygghet och drogfri uppväxt",
            "police_area": police,
            "start": D(2026, 1, 1),
            "end": D(2027, 12, 31),
            "background": "Bygger på medborgardialoger i de fyra kommunerna hösten 2025 och den gemensamma lägesbilden.",
        },
    )
    _signatories(
        "pite-2026",
        pite,
        [
            (
                "sig-councillors",
                "Kommunalråd i Arjeplog, Arvidsjaur, Piteå och Älvsbyn",
                orgs["pitea-kommun"],
            ),
            ("sig-police", "Lokalpolisområdeschef", police),
        ],
        {"collaboration": collab},
    )
    for order, (key, text, responsible, target) in enumerate(PITE_COMMITMENTS, 1):
        _commitment(f"pite-2026-{key}", pite, text, order, [orgs[s] for s in responsible], target)
    # Each of the four municipalities has approved through its own coordinator, and the police.
    # (An approval "for the municipalities" from before sign-off per municipality is taken away.)
    Approval.objects.filter(promise=pite, party=Party.MUNICIPALITY, signs_for__isnull=True).delete()
    _collaboration_approvals(pite, officer)
    if pite.state != PromiseState.ACTIVE:
        pite.state = PromiseState.ACTIVE
        pite.activated_at = datetime.datetime(2026, 1, 20, 10, 0, tzinfo=datetime.UTC)
        pite.approved_version = selectors.promise_snapshot(pite)
        pite.save(update_fields=["state", "activated_at", "approved_version"])

    # --- BRÅ Arjeplog's joint action plan -----------------------------------------------------------
    plan, _ = ActionPlan.objects.update_or_create(
        pk=_id("bra-arjeplog-2025"),
        defaults={
            "municipality": arjeplog,
            "title": "BRÅ Arjeplogs gemensamma handlingsplan 2025–2026",
            "owner_organisation": orgs["bra-arjeplog"],
            "start": D(2025, 1, 1),
            "end": D(2026, 12, 31),
            "state": PlanState.ADOPTED,
            "adopted_on": D(2025, 1, 14),
            "published": True,
            "police_area": police,
            "background": "Kommunen och polisen samarbetar i BRÅ utifrån lägesbilden och medborgarlöftet.",
        },
    )
    for party, user in [(Party.MUNICIPALITY, coordinator), (Party.POLICE, officer)]:
        _approve(plan, party, user)
    goals = {}
    for order, (key, text) in enumerate(BRA_GOALS, 1):
        goals[key], _ = Goal.objects.update_or_create(
            pk=_id(f"bra-goal-{key}"),
            defaults={"plan": plan, "text": text, "order": order, "municipality": arjeplog},
        )

    for order, (key, goal, text, titles, target, follow_ups) in enumerate(BRA_MEASURES, 1):
        measure = _commitment(
            f"bra-{key}",
            plan,
            text,
            order,
            [orgs["arjeplogs-kommun"], police],
            target,
            goal=goals[goal],
        )
        measure.activities.set(Activity.objects.filter(municipality=arjeplog, title__in=titles))
        for n, (day, description, amount) in enumerate(follow_ups):
            _follow_up(f"bra-{key}-{n}", measure, day, description, amount, reported_for=orgs["bra-arjeplog"])

    # --- Pite älvdal's action plan, awaiting the police's approval ---------------------------------
    pite_plan, _ = ActionPlan.objects.update_or_create(
        pk=_id("pite-alvdal-plan-2026"),
        defaults={
            "municipality": None,
            "collaboration": collab,
            "title": PITE_PLAN_TITLE,
            "owner_organisation": orgs["pitea-kommun"],
            "police_area": police,
            "start": D(2026, 1, 1),
            "end": D(2027, 12, 31),
            "background": (
                "De fyra kommunerna och polisen samordnar kontrollen mot langning utifrån den gemensamma "
                "lägesbilden."
            ),
        },
    )
    if pite_plan.state == PlanState.DRAFT:
        ActionPlan.objects.filter(pk=pite_plan.pk).update(state=PlanState.AWAITING_SIGNOFF)
    goal, _ = Goal.objects.update_or_create(
        pk=_id("pite-plan-goal-access"),
        defaults={
            "plan": pite_plan,
            "text": "Minska ungas tillgång till alkohol genom langning.",
            "order": 1,
            "collaboration": collab,
        },
    )
    for order, (key, text, target) in enumerate(PITE_PLAN_MEASURES, 1):
        _commitment(
            f"pite-plan-{key}", pite_plan, text, order, [orgs["pitea-kommun"], police], target, goal=goal
        )
    # The four municipalities have approved; the police is awaited.
    _collaboration_approvals(pite_plan, None)


def _collaboration_approvals(record, police_officer):
    """Each municipality of Pite älvdal approves through its own coordinator; the police through
    `police_officer` (none: the police is awaited)."""
    User = get_user_model()
    for slug, username in PITE_COORDINATORS:
        _approve(
            record,
            Party.MUNICIPALITY,
            User.objects.get(username=username),
            signs_for=Municipality.objects.get(slug=slug),
        )
    if police_officer is not None:
        _approve(record, Party.POLICE, police_officer)
