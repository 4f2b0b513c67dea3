"""Swedish-looking place names from syllables, deterministic for a random generator."""

FIRST = [
    "Norr",
    "Sö",
    "Väst",
    "Ös",
    "Berg",
    "Sjö",
    "Älv",
    "Skog",
    "Å",
    "Lid",
    "Hed",
    "Mal",
    "Torn",
    "Ny",
    "Gamla",
    "Lång",
    "Ström",
    "Fors",
    "Bro",
    "Vik",
    "Kal",
    "Arv",
    "Jokk",
    "Pajal",
    "Hap",
    "Ek",
    "Björk",
    "Gran",
    "Rönn",
    "Lin",
    "Kungs",
    "Mora",
    "Falu",
    "Vall",
    "Sala",
    "Kil",
    "Ar",
    "Ha",
    "Lu",
    "Ki",
]
LAST = [
    "by",
    "sund",
    "hamn",
    "köping",
    "berg",
    "å",
    "vik",
    "dal",
    "torp",
    "sjö",
    "mokk",
    "sele",
    "näs",
    "holm",
    "fors",
    "stad",
    "ryd",
    "ås",
    "lunda",
    "ede",
    "ala",
    "red",
    "boda",
    "ö",
    "kalix",
    "tuna",
]
ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", "é": "e"})

# The 21 counties' SCB codes and names.
COUNTIES = [
    ("01", "Stockholms län"),
    ("03", "Uppsala län"),
    ("04", "Södermanlands län"),
    ("05", "Östergötlands län"),
    ("06", "Jönköpings län"),
    ("07", "Kronobergs län"),
    ("08", "Kalmar län"),
    ("09", "Gotlands län"),
    ("10", "Blekinge län"),
    ("12", "Skåne län"),
    ("13", "Hallands län"),
    ("14", "Västra Götalands län"),
    ("17", "Värmlands län"),
    ("18", "Örebro län"),
    ("19", "Västmanlands län"),
    ("20", "Dalarnas län"),
    ("21", "Gävleborgs län"),
    ("22", "Västernorrlands län"),
    ("23", "Jämtlands län"),
    ("24", "Västerbottens län"),
    ("25", "Norrbottens län"),
]


def slugify_ascii(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.translate(ASCII).lower()).strip("-")


def place_name(rng, taken: set) -> str:
    while True:
        name = rng.choice(FIRST) + rng.choice(LAST)
        name = name[0].upper() + name[1:].lower()
        if name not in taken:
            taken.add(name)
            return name
        # Few syllables, many places: add a second part when the simple names run out.
        name = f"{name} {rng.choice(['norra', 'södra', 'östra', 'västra', 'övre', 'nedre'])}"
        if name not in taken:
            taken.add(name)
            return name
