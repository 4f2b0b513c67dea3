# Swedish for the public app's interface strings: see scripts/translate.py.
SV = {
    "Public pages": "Publika sidor",
    "Municipalities": "Kommuner",
    "Prevention work in your municipality": "Förebyggande arbete i din kommun",
    "Choose a municipality to see its activities, citizen promises and results.": "Välj en kommun för att se dess aktiviteter, medborgarlöften och resultat.",
    "Breadcrumbs": "Brödsmulor",
    "Prevention work in %(name)s": "Förebyggande arbete i %(name)s",
    "What the municipality, the police and their partners do against alcohol, narcotics, doping, tobacco and gambling – and whether promises are kept.": "Vad kommunen, polisen och deras samarbetspartner gör mot alkohol, narkotika, doping, tobak och spel – och om löftena hålls.",
    "Nothing has been published yet.": "Inget har publicerats ännu.",
    "Open data: download everything published (CSV, JSON)": "Öppna data: ladda ner allt som publicerats (CSV, JSON)",
}
