"""The seeded vocabularies: (code, Swedish, English[, kind]). Used by the seeding migration and demo data."""

SUBSTANCE_AREAS = [
    ("alcohol", "Alkohol", "Alcohol"),
    ("narcotics", "Narkotika", "Narcotics"),
    ("doping", "Doping", "Doping"),
    ("tobacco", "Tobak och nikotin", "Tobacco and nicotine"),
    ("gambling", "Spel om pengar", "Gambling"),
    ("crime", "Brottsförebyggande", "Crime prevention"),
]

TARGET_GROUPS = [
    ("parents", "Föräldrar", "Parents"),
    ("children", "Barn", "Children"),
    ("young_people", "Unga", "Young people"),
    ("school_staff", "Skolpersonal", "School staff"),
    ("staff_children", "Personal som arbetar med barn", "Staff working with children"),
    ("licensees", "Tillståndshavare", "Licensees"),
    ("public", "Allmänheten", "The public"),
]

FACTORS = [
    ("truancy", "Skolk och skolfrånvaro", "Truancy and school absence", "risk"),
    ("school_failure", "Misslyckande i skolan", "School failure", "risk"),
    ("early_onset", "Tidig debut", "Early onset", "risk"),
    ("availability", "Tillgänglighet", "Availability", "risk"),
    ("parental_attitudes", "Föräldrars attityder", "Parental attitudes", "risk"),
    ("aggression", "Aggressivitet och låg impulskontroll", "Aggression and low impulse control", "risk"),
    ("school_success", "Skolframgång", "School success", "protective"),
    ("parental_monitoring", "Föräldrars tillsyn", "Parental monitoring", "protective"),
    ("school_bonding", "Anknytning till skolan", "Bonding to school", "protective"),
]


def seed(SubstanceArea, TargetGroup, Factor) -> None:
    """Create the seeded terms that are missing; never overwrite a curated edit (idempotent)."""
    for order, (code, sv, en) in enumerate(SUBSTANCE_AREAS):
        SubstanceArea.objects.get_or_create(
            code=code, defaults={"name_sv": sv, "name_en": en, "order": order}
        )
    for order, (code, sv, en) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(code=code, defaults={"name_sv": sv, "name_en": en, "order": order})
    for order, (code, sv, en, kind) in enumerate(FACTORS):
        Factor.objects.get_or_create(
            code=code, defaults={"name_sv": sv, "name_en": en, "order": order, "kind": kind}
        )
