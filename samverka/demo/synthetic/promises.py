"""Citizen promises and action plans, their commitments (measures) with targets, and follow-ups."""

import datetime
from decimal import Decimal

from samverka.core.models import Organisation
from samverka.promises import selectors
from samverka.promises.models import (
    ActionPlan,
    Commitment,
    FollowUp,
    PlanState,
    Promise,
    PromiseState,
    Target,
)

TEXTS = [
    "Polis och socialtjänst fortbildar föräldrar, elever och personal en gång per år.",
    "Kommunen och polisen genomför kontrollköp av tobak och alkohol.",
    "Nattvandring vid skolavslutning och helger.",
    "Tillsyn av serveringsställen tillsammans med polisen.",
    "Samtal med unga som påträffas påverkade, inom en vecka.",
    "Drogfria aktiviteter på fritidsgården varje fredag.",
]
BASE_DATE = datetime.date(2026, 6, 30)


def generate(ctx):
    rng, scale = ctx.rng, ctx.scale
    police_by_place = {
        place_id: [o for o in orgs if o.kind == Organisation.Kind.POLICE_AREA]
        for place_id, orgs in ctx.organisations_by_municipality.items()
    }
    promises, plans, commitments, targets, responsible, follow_ups = [], [], [], [], [], []
    for number in range(scale.promises):
        place = ctx.municipalities[number % len(ctx.municipalities)]
        orgs = ctx.organisations_by_municipality[place.pk]
        start = datetime.date(2024 + number % 3, 1, 1)
        end = datetime.date(start.year + 1, 12, 31)
        if (number // len(ctx.municipalities)) % 2 == 0:  # every place gets promises and plans
            parent = Promise(
                id=ctx.uuid(),
                municipality_id=place.pk,
                title=f"Medborgarlöfte {place.name} {start.year}–{end.year}",
                police_area_id=police_by_place[place.pk][0].pk,
                start=start,
                end=end,
                background="Trygghetsundersökningen och medborgardialoger visar oro för narkotika bland unga.",
                state=rng.choices(
                    [PromiseState.ACTIVE, PromiseState.DRAFT, PromiseState.CONCLUDED], [6, 1, 2]
                )[0],
            )
            promises.append(parent)
            link = {"promise_id": parent.pk}
        else:
            parent = ActionPlan(
                id=ctx.uuid(),
                municipality_id=place.pk,
                title=f"ANDTS-plan för {place.name} {start.year}–{end.year}",
                owner_organisation_id=orgs[0].pk,
                start=start,
                end=end,
                state=rng.choices([PlanState.ADOPTED, PlanState.DRAFT, PlanState.CONCLUDED], [6, 1, 2])[0],
                published=rng.random() < 0.7,
            )
            plans.append(parent)
            link = {"plan_id": parent.pk}
        for order in range(scale.commitments_per_promise):
            commitment = Commitment(
                id=ctx.uuid(), municipality_id=place.pk, text=rng.choice(TEXTS), order=order, **link
            )
            commitments.append(commitment)
            amount = rng.choice([1, 2, 4, 12])
            targets.append(
                Target(
                    id=ctx.uuid(),
                    municipality_id=place.pk,
                    commitment_id=commitment.pk,
                    amount=Decimal(amount),
                )
            )
            for org in rng.sample(orgs, min(2, len(orgs))):
                responsible.append((commitment.pk, org.pk))
            for _ in range(scale.followups_per_commitment):
                follow_ups.append(
                    FollowUp(
                        id=ctx.uuid(),
                        municipality_id=place.pk,
                        commitment_id=commitment.pk,
                        date=min(BASE_DATE, start + datetime.timedelta(days=rng.randrange(0, 700))),
                        description="Genomfört enligt plan.",
                        amount=Decimal(1),
                        participants=rng.choice([None, 12, 30, 80]),
                        reported_for_id=orgs[0].pk,
                    )
                )
    ctx.bulk(Promise, promises)
    ctx.bulk(ActionPlan, plans)
    ctx.bulk(Commitment, commitments)
    ctx.bulk(Target, targets)
    Through = Commitment.responsible.through
    ctx.bulk(Through, [Through(commitment_id=c, organisation_id=o) for c, o in responsible])
    ctx.bulk(FollowUp, follow_ups)
    _approved_versions(promises)


def _approved_versions(promises):
    """A promise in force or concluded has been approved: its approved version is frozen then, as
    services.activate does (the public pages read it, and would otherwise build it on every view)."""
    approved = [p for p in promises if p.state in (PromiseState.ACTIVE, PromiseState.CONCLUDED)]
    rows = list(
        Promise.objects.filter(pk__in=[p.pk for p in approved]).select_related("police_area", "municipality")
    )
    for promise in rows:
        promise.approved_version = selectors.promise_snapshot(promise)
    Promise.objects.bulk_update(rows, ["approved_version"], batch_size=500)
