"""Samverka's own texts for readiness assessments, in Swedish and English: the goal of each stage,
strategy suggestions per stage and per dimension, the anchored 1–9 scale of each dimension and the default
interview guide. Plain data, no Django: edit the words here, the rules live in scoring.py.

Every text is a pair {"sv": ..., "en": ...}; `pick(pair, language)` chooses (Swedish when in doubt).
"""

from samverka.readiness.scoring import stage_of


def pick(pair: dict, language: str | None) -> str:
    return pair.get("en") if (language or "").startswith("en") else pair["sv"]


STAGE_GOALS = {
    1: {"sv": "Väcka medvetenhet om frågan.", "en": "Raise awareness of the issue."},
    2: {
        "sv": "Väcka insikt om att problemet finns här, hos oss.",
        "en": "Raise awareness that the problem exists here.",
    },
    3: {
        "sv": "Väcka insikt om att vi i kommunen kan göra något åt det.",
        "en": "Raise awareness that the community can do something about it.",
    },
    4: {"sv": "Väcka engagemang med konkreta idéer.", "en": "Raise awareness with concrete ideas."},
    5: {
        "sv": "Samla den kunskap som redan finns för att planera insatser.",
        "en": "Gather existing information to plan strategies.",
    },
    6: {"sv": "Ge kunskap som gäller just vår kommun.", "en": "Provide community-specific information."},
    7: {"sv": "Stabilisera insatser och program.", "en": "Stabilise efforts and programmes."},
    8: {"sv": "Bygga ut och förbättra insatserna.", "en": "Expand and enhance services."},
    9: {"sv": "Hålla farten uppe och fortsätta växa.", "en": "Maintain momentum and continue growth."},
}

STAGE_STRATEGIES = {
    1: [
        {
            "sv": "Ta upp frågan i små, personliga samtal med nyckelpersoner: rektorer, föreningsledare, präst.",
            "en": "Raise the issue in small, personal conversations with key people: head teachers, club leaders, the vicar.",
        },
        {
            "sv": "Berätta om frågan där folk redan samlas: föräldramöten, föreningsträffar, lokaltidningen.",
            "en": "Talk about the issue where people already gather: parents' evenings, club meetings, the local paper.",
        },
    ],
    2: [
        {
            "sv": "Visa lokala siffror och berättelser som gör problemet konkret här, utan att peka ut någon.",
            "en": "Show local figures and stories that make the problem concrete here, without singling anyone out.",
        },
        {
            "sv": "Låt trovärdiga lokala röster (skolsköterska, kommunpolis) beskriva vad de ser.",
            "en": "Let trusted local voices (school nurse, community police officer) describe what they see.",
        },
    ],
    3: [
        {
            "sv": "Presentera lägesbilden på offentliga möten och visa vad andra kommuner har gjort.",
            "en": "Present the situational picture at public meetings and show what other municipalities have done.",
        },
        {
            "sv": "Bjud in föräldrar och unga till samtal om vad som kan göras lokalt.",
            "en": "Invite parents and young people to talk about what can be done locally.",
        },
    ],
    4: [
        {
            "sv": "Samla en liten arbetsgrupp med skola, socialtjänst, polis och föreningsliv och ge den ett uppdrag.",
            "en": "Form a small working group of school, social services, police and associations and give it a mandate.",
        },
        {
            "sv": "Gå från allmän oro till konkreta förslag: välj två eller tre insatser att pröva.",
            "en": "Move from general concern to concrete proposals: choose two or three efforts to try.",
        },
    ],
    5: [
        {
            "sv": "Sammanställ befintlig kunskap (skolenkäter, Kolada, polisens lägesbild) som underlag för en plan.",
            "en": "Compile existing knowledge (school surveys, Kolada, the police's picture) as the basis for a plan.",
        },
        {
            "sv": "Förankra planen politiskt och hos cheferna; sök resurser och utse ansvariga.",
            "en": "Anchor the plan with politicians and managers; seek resources and name who is responsible.",
        },
    ],
    6: [
        {
            "sv": "Sprid kunskap som gäller just er kommun till dem som ska genomföra insatserna.",
            "en": "Spread community-specific knowledge to those who will carry out the efforts.",
        },
        {
            "sv": "Starta insatserna i liten skala, följ upp tidigt och berätta om de första resultaten.",
            "en": "Start the efforts on a small scale, follow up early and share the first results.",
        },
    ],
    7: [
        {
            "sv": "Skriv in insatserna i ordinarie budget och verksamhetsplaner så att de inte hänger på eldsjälar.",
            "en": "Write the efforts into ordinary budgets and plans so that they do not depend on a few enthusiasts.",
        },
        {
            "sv": "Utbilda fler och planera för personalomsättning.",
            "en": "Train more people and plan for staff turnover.",
        },
    ],
    8: [
        {
            "sv": "Utvärdera insatserna och bygg ut det som fungerar till fler grupper och arenor.",
            "en": "Evaluate the efforts and extend what works to more groups and arenas.",
        },
        {
            "sv": "Nå grupper som ännu inte nås och samarbeta med grannkommunerna.",
            "en": "Reach groups not yet reached and work with neighbouring municipalities.",
        },
    ],
    9: [
        {
            "sv": "Håll frågan levande: återkommande mätningar, nya generationer av föräldrar och ledare.",
            "en": "Keep the issue alive: repeated measurements, new generations of parents and leaders.",
        },
        {
            "sv": "Dela era erfarenheter med andra kommuner och i länet.",
            "en": "Share your experience with other municipalities and in the county.",
        },
    ],
}

# Per dimension, by band of its own stage: low (1–3), middle (4–6), high (7–9).
DIMENSION_STRATEGIES = {
    "A": {
        "low": {
            "sv": "Kartlägg vilka insatser som redan finns, även små, och gör dem kända.",
            "en": "Map which efforts already exist, even small ones, and make them known.",
        },
        "middle": {
            "sv": "Välj insatser med stöd i forskning eller beprövad erfarenhet och fyll luckorna i katalogen.",
            "en": "Choose efforts backed by research or proven experience and fill the gaps in the catalogue.",
        },
        "high": {
            "sv": "Följ upp insatsernas kvalitet och räckvidd varje år.",
            "en": "Follow up the quality and reach of the efforts every year.",
        },
    },
    "B": {
        "low": {
            "sv": "Berätta om insatserna där invånarna finns: skolans kanaler, lokaltidningen, föreningarna.",
            "en": "Tell people about the efforts where residents are: school channels, the local paper, associations.",
        },
        "middle": {
            "sv": "Publicera aktivitetskatalogen och medborgarlöftena och länka till dem från kommunens webbplats.",
            "en": "Publish the activity catalogue and citizen promises and link to them from the municipality's website.",
        },
        "high": {
            "sv": "Låt deltagare berätta om insatserna; mät hur många som känner till dem.",
            "en": "Let participants tell others about the efforts; measure how many know of them.",
        },
    },
    "C": {
        "low": {
            "sv": "Informera politiker och chefer personligt om läget och be om ett tydligt uppdrag.",
            "en": "Brief politicians and managers personally on the situation and ask for a clear mandate.",
        },
        "middle": {
            "sv": "Ge ledningen en roll: ordförande i BRÅ, ansvar för en åtgärd i handlingsplanen.",
            "en": "Give leaders a role: chairing the crime prevention council, owning a measure of the action plan.",
        },
        "high": {
            "sv": "Låt ledare föra frågan vidare i länet och säkra långsiktig finansiering.",
            "en": "Let leaders carry the issue into the county and secure long-term funding.",
        },
    },
    "D": {
        "low": {
            "sv": "Möt attityden att ”så har det alltid varit” med lokala berättelser och fakta.",
            "en": "Meet the attitude that 'it has always been like this' with local stories and facts.",
        },
        "middle": {
            "sv": "Engagera föräldrar och föreningsliv i vuxennärvaro och drogfria aktiviteter.",
            "en": "Engage parents and associations in adult presence and drug-free activities.",
        },
        "high": {
            "sv": "Uppmärksamma dem som bidrar och håll dialogen med invånarna levande.",
            "en": "Acknowledge those who contribute and keep the dialogue with residents alive.",
        },
    },
    "E": {
        "low": {
            "sv": "Ge enkel, saklig kunskap om problemet och dess följder, anpassad för föräldrar och unga.",
            "en": "Give plain, factual knowledge of the problem and its consequences, for parents and young people.",
        },
        "middle": {
            "sv": "Visa lokala data från lägesbilden och skolenkäterna och förklara vad de betyder.",
            "en": "Show local data from the situational picture and school surveys and explain what they mean.",
        },
        "high": {
            "sv": "Följ trender över tid och dela dem öppet, även när de går åt fel håll.",
            "en": "Follow trends over time and share them openly, also when they go the wrong way.",
        },
    },
    "F": {
        "low": {
            "sv": "Ta reda på vilka resurser som finns: lokaler, ideella krafter, statsbidrag.",
            "en": "Find out what resources exist: premises, volunteers, state grants.",
        },
        "middle": {
            "sv": "Samordna resurserna mellan kommun, polis och föreningar och sök gemensam finansiering.",
            "en": "Pool resources between municipality, police and associations and seek joint funding.",
        },
        "high": {
            "sv": "Gör resurserna långsiktiga och planera för att insatserna ska överleva projekttiden.",
            "en": "Make resources long-term and plan for the efforts to outlive the project period.",
        },
    },
}


# The catalogue arenas (activities.models.Arena codes) where efforts for a dimension usually happen: used
# to suggest activities of the municipality's own catalogue for the lowest dimensions.
DIMENSION_ARENAS = {
    "A": ["family", "children_youth", "school", "leisure", "society"],
    "B": ["society", "school", "family"],
    "C": ["society"],
    "D": ["family", "leisure", "society"],
    "E": ["school", "family", "children_youth"],
    "F": ["society", "leisure"],
}


def arenas_for(keys) -> list[str]:
    return sorted({arena for key in keys for arena in DIMENSION_ARENAS[key]})


def band(stage: int) -> str:
    return "low" if stage <= 3 else "middle" if stage <= 6 else "high"


def strategies_for(result, language: str = "sv") -> dict:
    """The stage goal, the stage's strategies and those for the lowest dimensions of a scoring Result."""
    stage = result.overall.stage
    return {
        "goal": pick(STAGE_GOALS[stage], language),
        "stage": [pick(s, language) for s in STAGE_STRATEGIES[stage]],
        "dimensions": [
            {
                "key": key,
                "stage": result.dimensions[key].stage,
                "text": pick(
                    DIMENSION_STRATEGIES[key][band(stage_of(result.dimensions[key].score))], language
                ),
            }
            for key in result.lowest
        ],
    }


# The anchored scale: what a dimension looks like at each level (levels are cumulative; score the highest
# level the interview clearly meets). Our own short wording, one line per level.
ANCHORS = {
    "A": [
        ("Ingen känner till någon insats.", "No awareness of any effort."),
        ("Man anser inte att insatser behövs.", "Efforts are not seen as needed."),
        (
            "Några anser att något borde göras, men inget är planerat.",
            "Some feel something should be done; nothing is planned.",
        ),
        (
            "Det finns idéer och samtal om vad som kan göras.",
            "There are ideas and talk about what could be done.",
        ),
        (
            "Insatser planeras; några personer har fått uppdrag.",
            "Efforts are being planned; some people have a task.",
        ),
        (
            "Insatser har startat men är nya eller tillfälliga.",
            "Efforts have started but are new or temporary.",
        ),
        ("Insatser pågår och har fast personal och budget.", "Efforts are running with staff and a budget."),
        ("Insatserna utvärderas och byggs ut.", "Efforts are evaluated and extended."),
        (
            "Ett brett utbud av insatser följs upp och utvecklas.",
            "A wide range of efforts is followed up and developed.",
        ),
    ],
    "B": [
        ("Ingen känner till insatserna.", "No one knows of the efforts."),
        ("Få känner till dem och tror inte att de behövs.", "Few know of them and see no need."),
        ("Några har hört talas om insatser men vet lite.", "Some have heard of efforts but know little."),
        ("Några känner till insatser och vad de syftar till.", "Some know of efforts and their purpose."),
        (
            "Flera känner till insatserna och vem som driver dem.",
            "Several know the efforts and who runs them.",
        ),
        ("Många känner till insatserna i stora drag.", "Many know the efforts in outline."),
        (
            "De flesta vet vilka insatser som finns och hur man deltar.",
            "Most know which efforts exist and how to take part.",
        ),
        ("Många känner till resultaten av insatserna.", "Many know the results of the efforts."),
        (
            "Nästan alla har god kunskap om insatserna och deras resultat.",
            "Almost everyone knows the efforts and their results well.",
        ),
    ],
    "C": [
        ("Ledningen ser inte frågan.", "Leaders do not see the issue."),
        ("Ledningen anser att frågan inte gäller oss.", "Leaders think the issue does not concern us."),
        ("Ledningen tycker att något kanske borde göras.", "Leaders feel something perhaps should be done."),
        (
            "Ledningen talar om frågan och är öppen för förslag.",
            "Leaders talk about the issue and are open to proposals.",
        ),
        ("Ledningen deltar i planering och ger uppdrag.", "Leaders take part in planning and give mandates."),
        (
            "Ledningen stödjer insatserna och avsätter resurser.",
            "Leaders support the efforts and allocate resources.",
        ),
        (
            "Ledningen tar ansvar för att insatserna består.",
            "Leaders take responsibility for the efforts lasting.",
        ),
        ("Ledningen driver på för att bygga ut insatserna.", "Leaders push to extend the efforts."),
        (
            "Ledningen bär frågan långsiktigt och för den vidare.",
            "Leaders carry the issue long-term and beyond.",
        ),
    ],
    "D": [
        ("Frågan ses som normal och inget att göra åt.", "The issue is seen as normal, nothing to be done."),
        ("Man tror att det inte går att påverka.", "People believe it cannot be changed."),
        (
            "Man tycker att något borde göras men inte av oss.",
            "People feel something should be done, but not by us.",
        ),
        ("Man är öppen för att göra något.", "People are open to doing something."),
        ("Attityden är: det här är vårt ansvar.", "The attitude is: this is our responsibility."),
        ("Invånare stödjer och deltar i insatser.", "Residents support and join efforts."),
        ("Många deltar och stöttar insatserna aktivt.", "Many take part and actively support the efforts."),
        (
            "Invånarna kräver att insatserna fortsätter och växer.",
            "Residents expect the efforts to continue and grow.",
        ),
        ("Invånarna äger frågan och håller den levande.", "Residents own the issue and keep it alive."),
    ],
    "E": [
        ("Frågan är okänd.", "The issue is not known."),
        ("Få vet något om problemet; många myter.", "Few know about the problem; many myths."),
        (
            "Några vet att det är ett problem, men lite om det.",
            "Some know it is a problem, but little about it.",
        ),
        ("Några vet om problemets tecken och orsaker.", "Some know the problem's signs and causes."),
        ("Flera känner till lokal statistik om problemet.", "Several know local figures on the problem."),
        (
            "Många har grundläggande kunskap om problemet lokalt.",
            "Many have basic knowledge of the local problem.",
        ),
        (
            "Många vet om orsaker, följder och omfattning här.",
            "Many know causes, consequences and extent here.",
        ),
        ("Många har detaljerad kunskap, även om trender.", "Many have detailed knowledge, also of trends."),
        ("Kunskapen är bred, aktuell och delad.", "Knowledge is broad, current and shared."),
    ],
    "F": [
        ("Inga resurser finns eller efterfrågas.", "No resources exist or are sought."),
        ("Man ser inget behov av resurser.", "No need for resources is seen."),
        (
            "Man vet inte vilka resurser som skulle behövas.",
            "People do not know what resources would be needed.",
        ),
        ("Några resurser har identifierats.", "Some resources have been identified."),
        ("Man söker resurser och har gjort en plan.", "Resources are sought and there is a plan."),
        ("Resurser finns för att starta insatser.", "Resources exist to start efforts."),
        ("Insatserna har återkommande finansiering.", "Efforts have recurring funding."),
        ("Resurser läggs på att bygga ut och utvärdera.", "Resources go to extending and evaluating."),
        ("Långsiktig, bred finansiering från flera håll.", "Long-term, broad funding from several sources."),
    ],
}


def anchors_for(key: str, language: str = "sv") -> list[tuple[int, str]]:
    index = 1 if (language or "").startswith("en") else 0
    return [(level, pair[index]) for level, pair in enumerate(ANCHORS[key], start=1)]


# The default interview guide: (dimension, required, Swedish, English). Copied into each new assessment,
# where the team can edit it; the scoring rule is not editable.
GUIDE = [
    (
        "A",
        True,
        "Hur stort problem är {issue} i er kommun, på en skala från 1 till 10? Varför?",
        "How big a problem is {issue} in your community, on a scale from 1 to 10? Why?",
    ),
    (
        "A",
        True,
        "Vilka insatser, program eller regler finns i dag som rör {issue}?",
        "What efforts, programmes or policies exist today that address {issue}?",
    ),
    (
        "A",
        False,
        "Hur länge har insatserna funnits och vem når de?",
        "How long have the efforts existed and whom do they reach?",
    ),
    (
        "B",
        True,
        "Hur mycket känner invånarna till om insatserna? Vad vet de?",
        "How much do residents know about the efforts? What do they know?",
    ),
    ("B", False, "Hur får invånarna veta om insatserna?", "How do residents learn about the efforts?"),
    (
        "C",
        True,
        "Hur ser ledningen (politiker, chefer) på {issue}?",
        "How do leaders (politicians, managers) view {issue}?",
    ),
    (
        "C",
        True,
        "Vad gör ledningen konkret i frågan? Ge exempel.",
        "What do leaders concretely do about it? Give examples.",
    ),
    ("D", True, "Hur ser invånarna i allmänhet på {issue}?", "How do residents in general view {issue}?"),
    (
        "D",
        False,
        "Finns det grupper som vill förändra, eller som motarbetar förändring?",
        "Are there groups that want change, or that resist it?",
    ),
    (
        "E",
        True,
        "Vad vet invånarna om {issue}: tecken, orsaker, följder?",
        "What do residents know about {issue}: signs, causes, consequences?",
    ),
    (
        "E",
        False,
        "Var får folk sin kunskap om problemet?",
        "Where do people get their knowledge of the problem?",
    ),
    (
        "F",
        True,
        "Vilka resurser (personal, pengar, lokaler, ideella) finns för att arbeta med {issue}?",
        "What resources (staff, money, premises, volunteers) exist to work on {issue}?",
    ),
    (
        "F",
        False,
        "Hur skulle ni se på att lägga mer resurser på frågan?",
        "How would you view putting more resources into the issue?",
    ),
]
