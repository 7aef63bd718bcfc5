"""The English labels, as pieces of text to look for on the pages of a site in another language,
and a tiny French site to look for them on.

A page in French should hold none of Marginalia's English labels. The labels come from the
English table itself (hooks/marginalia/strings/en.yml), so a label added later is looked for
too: each label's own words, cut at its placeholders and Markdown, without the pieces that read
the same in French ("Article", "Passage", "Sources") and pieces too short to tell apart.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from marginalia import strings
from marginalia.strings.messages import Choice, parse

from tests.conftest import TECHNIQUES, dedent


def _literals(parts) -> list[str]:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Choice):
            for _, form in part.forms:
                out += _literals(form)
    return out


def english_pieces(language: str) -> set[str]:
    """Pieces of English labels that a page in ``language`` should not show."""
    english = strings.english().messages
    translated = strings.load(language)[0].messages
    theirs = " ".join(v if isinstance(v, str) else " ".join(v) for v in translated.values())
    pieces = set()
    for key, value in english.items():
        if key.startswith("dates.") or translated[key] == value:
            continue
        texts = _literals(parse(value)) if isinstance(value, str) else list(value)
        for text in texts:
            for piece in re.split(r"[*`\[\]()\"“”]", text):
                piece = " ".join(piece.split()).strip(" .,:;…·")
                if len(piece) >= 4 and re.search(r"[A-Za-z]{3}", piece) and piece not in theirs:
                    pieces.add(piece)
    return pieces


class _Text(HTMLParser):
    """A page's words as a reader or a screen reader meets them: its text, and the values of
    the attributes that are read out or shown (aria-label, placeholder, title, alt); not code
    (a technique's identifier, a file name), which is no label."""

    SKIP = {"script", "style", "template", "code"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.words.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.words.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return html.unescape(" ".join(" ".join(parser.words).split()))


def english_found(text: str, pieces: set[str]) -> list[str]:
    """The English pieces that ``text`` holds, as whole words."""
    return sorted(p for p in pieces if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", text))


# --- a tiny site in French ----------------------------------------------------------------------

FRENCH_ARTICLES = {
    "plan-de-circulation": """\
        ---
        title: Le conseil adopte le plan de circulation
        author: Claire Martin
        outlet: La Gazette du Port
        published: 2024-05-14
        url: https://gazette.example/plan
        supplied:
          summary: Le conseil municipal a voté le plan mardi soir.
        ---

        Le conseil municipal a adopté mardi, dans un passage en force, le nouveau plan de circulation du centre.

        Selon un proche du dossier, la décision était prise depuis des semaines.

        La mairie affirme que la pollution a baissé de 30 % depuis l’essai de l’été dernier.

        Les travaux commenceront en septembre et dureront deux ans.
        """,
    "commercants-inquiets": """\
        ---
        title: "Plan de circulation : les commerçants inquiets"
        outlet: Le Courrier du Soir
        published: 2024-05-20
        ---

        Les commerçants du centre redoutent une chute brutale de leur chiffre d’affaires.

        Une pétition a déjà recueilli deux mille signatures, selon ses organisateurs.
        """,
}

FRENCH_ANNOTATIONS = {
    "topics.yml": """\
        topics:
          circulation:
            title: Le plan de circulation
            description: Comment chaque média présente le nouveau plan.
          commerce:
            title: Les commerces du centre
            description: Ce que le plan change pour les commerçants.
        """,
    "techniques.yml": TECHNIQUES.replace("title: Loaded language", "title: Langage chargé")
    .replace("group: Manipulative wording", "group: Formulation orientée")
    .replace("definition: Words chosen for their emotional charge rather than their meaning.",
             "definition: Des mots choisis pour leur charge émotionnelle plutôt que pour leur sens."),
    "plan-de-circulation.yml": """\
        questions:
          - Qui a décidé, et quand ?
          - D’où vient le chiffre de la pollution ?
        notes:
          - id: passage-en-force
            kind: framing
            quote: un passage en force
            note: Le mot « force » présente le vote comme une contrainte, pas comme une décision.
            topics: [circulation]
            technique: Loaded_Language
          - id: proche-du-dossier
            kind: sourcing
            quote: Selon un proche du dossier
            note: La source n’est pas nommée ; le lecteur ne peut pas la vérifier.
            topics: [circulation]
          - id: pollution
            kind: claim
            quote: la pollution a baissé de 30 %
            note: Le bilan régional donne une baisse de 12 %, mesurée sur un an.
            topics: [circulation]
            sources:
              - title: Bilan de la qualité de l’air 2023
                publisher: Observatoire régional
                date: 2024-02-01
            corrections:
              - date: 2024-06-01
                change: La note donne désormais le chiffre du bilan régional.
                reason: Elle citait un chiffre provisoire.
        """,
    "commercants-inquiets.yml": """\
        questions:
          - Qui parle au nom des commerçants ?
        notes:
          - id: chute-brutale
            kind: framing
            quote: une chute brutale
            note: L’adjectif annonce une perte que l’article ne chiffre pas.
            topics: [commerce, circulation]
          - id: deux-mille
            kind: sourcing
            quote: deux mille signatures
            note: Le chiffre vient des organisateurs, seuls à l’avoir compté.
            topics: [commerce]
        """,
}

# The home page asks for every generated part a hand-written page can hold.
FRENCH_HOME = """\
    # Accueil

    <!-- marginalia:articles -->

    <!-- marginalia:legend -->

    <!-- marginalia:worksheets -->
    """

# The navigation lists the generated pages without titles: the sections take theirs from the
# table (Articles, Topics), the pages from their headings.
FRENCH_CONFIG = ("  language: fr\nmarkdown_extensions: [tables, attr_list]\n"
                 "nav:\n  - index.md\n  - articles/index.md\n  - topics/index.md\n  - glossary.md\n"
                 "  - corrections.md\n  - class-overview.md\n")


def french_site(root):
    """Write the tiny French site in ``root`` (see tests/conftest.py's write_site)."""
    from tests.conftest import write_site

    articles = {slug: dedent(text) for slug, text in FRENCH_ARTICLES.items()}
    annotations = {name: dedent(text) for name, text in FRENCH_ANNOTATIONS.items()}
    write_site(root, articles, annotations, extra_docs={"index.md": dedent(FRENCH_HOME)})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n" + FRENCH_CONFIG, 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root
