"""Samverka's own texts for readiness assessments: the goal of each stage, strategy suggestions per stage
and per dimension, the anchored 1–9 scale of each dimension and the default interview guide. Edit the words
here and their Swedish in locale/sv/LC_MESSAGES/django.po; the rules live in scoring.py.

Every text is an English msgid marked with gettext_lazy; `in_language(text, language)` renders it in a
given language (pages pass the request's language, the Swedish PDF passes "sv").
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samverka.readiness.scoring import stage_of


def in_language(text, language: str | None) -> str:
    with translation.override(language or "sv"):
        return str(text)


STAGE_GOALS = {
    1: _("Raise awareness of the issue."),
    2: _("Raise awareness that the problem exists here."),
    3: _("Raise awareness that the community can do something about it."),
    4: _("Raise awareness with concrete ideas."),
    5: _("Gather existing information to plan strategies."),
    6: _("Provide community-specific information."),
    7: _("Stabilise efforts and programmes."),
    8: _("Expand and enhance services."),
    9: _("Maintain momentum and continue growth."),
}

STAGE_STRATEGIES = {
    1: [
        _(
            "Raise the issue in small, personal conversations with key people: head teachers, club leaders, the vicar."
        ),
        _(
            "Talk about the issue where people already gather: parents' evenings, club meetings, the local paper."
        ),
    ],
    2: [
        _("Show local figures and stories that make the problem concrete here, without singling anyone out."),
        _("Let trusted local voices (school nurse, community police officer) describe what they see."),
    ],
    3: [
        _("Present the situational picture at public meetings and show what other municipalities have done."),
        _("Invite parents and young people to talk about what can be done locally."),
    ],
    4: [
        _(
            "Form a small working group of school, social services, police and associations and give it a mandate."
        ),
        _("Move from general concern to concrete proposals: choose two or three efforts to try."),
    ],
    5: [
        _(
            "Compile existing knowledge (school surveys, Kolada, the police's picture) as the basis for a plan."
        ),
        _("Anchor the plan with politicians and managers; seek resources and name who is responsible."),
    ],
    6: [
        _("Spread community-specific knowledge to those who will carry out the efforts."),
        _("Start the efforts on a small scale, follow up early and share the first results."),
    ],
    7: [
        _(
            "Write the efforts into ordinary budgets and plans so that they do not depend on a few enthusiasts."
        ),
        _("Train more people and plan for staff turnover."),
    ],
    8: [
        _("Evaluate the efforts and extend what works to more groups and arenas."),
        _("Reach groups not yet reached and work with neighbouring municipalities."),
    ],
    9: [
        _("Keep the issue alive: repeated measurements, new generations of parents and leaders."),
        _("Share your experience with other municipalities and in the county."),
    ],
}

# Per dimension, by band of its own stage: low (1–3), middle (4–6), high (7–9).
DIMENSION_STRATEGIES = {
    "A": {
        "low": _("Map which efforts already exist, even small ones, and make them known."),
        "middle": _(
            "Choose efforts backed by research or proven experience and fill the gaps in the catalogue."
        ),
        "high": _("Follow up the quality and reach of the efforts every year."),
    },
    "B": {
        "low": _(
            "Tell people about the efforts where residents are: school channels, the local paper, associations."
        ),
        "middle": _(
            "Publish the activity catalogue and citizen promises and link to them from the municipality's website."
        ),
        "high": _("Let participants tell others about the efforts; measure how many know of them."),
    },
    "C": {
        "low": _("Brief politicians and managers personally on the situation and ask for a clear mandate."),
        "middle": _(
            "Give leaders a role: chairing the crime prevention council, owning a measure of the action plan."
        ),
        "high": _("Let leaders carry the issue into the county and secure long-term funding."),
    },
    "D": {
        "low": _("Meet the attitude that 'it has always been like this' with local stories and facts."),
        "middle": _("Engage parents and associations in adult presence and drug-free activities."),
        "high": _("Acknowledge those who contribute and keep the dialogue with residents alive."),
    },
    "E": {
        "low": _(
            "Give plain, factual knowledge of the problem and its consequences, for parents and young people."
        ),
        "middle": _(
            "Show local data from the situational picture and school surveys and explain what they mean."
        ),
        "high": _("Follow trends over time and share them openly, also when they go the wrong way."),
    },
    "F": {
        "low": _("Find out what resources exist: premises, volunteers, state grants."),
        "middle": _("Pool resources between municipality, police and associations and seek joint funding."),
        "high": _("Make resources long-term and plan for the efforts to outlive the project period."),
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
        "goal": in_language(STAGE_GOALS[stage], language),
        "stage": [in_language(s, language) for s in STAGE_STRATEGIES[stage]],
        "dimensions": [
            {
                "key": key,
                "stage": result.dimensions[key].stage,
                "text": in_language(
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
        _("No awareness of any effort."),
        _("Efforts are not seen as needed."),
        _("Some feel something should be done; nothing is planned."),
        _("There are ideas and talk about what could be done."),
        _("Efforts are being planned; some people have a task."),
        _("Efforts have started but are new or temporary."),
        _("Efforts are running with staff and a budget."),
        _("Efforts are evaluated and extended."),
        _("A wide range of efforts is followed up and developed."),
    ],
    "B": [
        _("No one knows of the efforts."),
        _("Few know of them and see no need."),
        _("Some have heard of efforts but know little."),
        _("Some know of efforts and their purpose."),
        _("Several know the efforts and who runs them."),
        _("Many know the efforts in outline."),
        _("Most know which efforts exist and how to take part."),
        _("Many know the results of the efforts."),
        _("Almost everyone knows the efforts and their results well."),
    ],
    "C": [
        _("Leaders do not see the issue."),
        _("Leaders think the issue does not concern us."),
        _("Leaders feel something perhaps should be done."),
        _("Leaders talk about the issue and are open to proposals."),
        _("Leaders take part in planning and give mandates."),
        _("Leaders support the efforts and allocate resources."),
        _("Leaders take responsibility for the efforts lasting."),
        _("Leaders push to extend the efforts."),
        _("Leaders carry the issue long-term and beyond."),
    ],
    "D": [
        _("The issue is seen as normal, nothing to be done."),
        _("People believe it cannot be changed."),
        _("People feel something should be done, but not by us."),
        _("People are open to doing something."),
        _("The attitude is: this is our responsibility."),
        _("Residents support and join efforts."),
        _("Many take part and actively support the efforts."),
        _("Residents expect the efforts to continue and grow."),
        _("Residents own the issue and keep it alive."),
    ],
    "E": [
        _("The issue is not known."),
        _("Few know about the problem; many myths."),
        _("Some know it is a problem, but little about it."),
        _("Some know the problem's signs and causes."),
        _("Several know local figures on the problem."),
        _("Many have basic knowledge of the local problem."),
        _("Many know causes, consequences and extent here."),
        _("Many have detailed knowledge, also of trends."),
        _("Knowledge is broad, current and shared."),
    ],
    "F": [
        _("No resources exist or are sought."),
        _("No need for resources is seen."),
        _("People do not know what resources would be needed."),
        _("Some resources have been identified."),
        _("Resources are sought and there is a plan."),
        _("Resources exist to start efforts."),
        _("Efforts have recurring funding."),
        _("Resources go to extending and evaluating."),
        _("Long-term, broad funding from several sources."),
    ],
}


def anchors_for(key: str, language: str = "sv") -> list[tuple[int, str]]:
    return [(level, in_language(text, language)) for level, text in enumerate(ANCHORS[key], start=1)]


# The default interview guide: (dimension, required, question with an {issue} placeholder). Copied into
# each new assessment in Swedish and English, where the team can edit it; the scoring rule is not editable.
GUIDE = [
    ("A", True, _("How big a problem is {issue} in your community, on a scale from 1 to 10? Why?")),
    ("A", True, _("What efforts, programmes or policies exist today that address {issue}?")),
    ("A", False, _("How long have the efforts existed and whom do they reach?")),
    ("B", True, _("How much do residents know about the efforts? What do they know?")),
    ("B", False, _("How do residents learn about the efforts?")),
    ("C", True, _("How do leaders (politicians, managers) view {issue}?")),
    ("C", True, _("What do leaders concretely do about it? Give examples.")),
    ("D", True, _("How do residents in general view {issue}?")),
    ("D", False, _("Are there groups that want change, or that resist it?")),
    ("E", True, _("What do residents know about {issue}: signs, causes, consequences?")),
    ("E", False, _("Where do people get their knowledge of the problem?")),
    ("F", True, _("What resources (staff, money, premises, volunteers) exist to work on {issue}?")),
    ("F", False, _("How would you view putting more resources into the issue?")),
]
