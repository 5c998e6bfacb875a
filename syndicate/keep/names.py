"""Finding names in an article, in any script, and deciding which an engine would break.

Finding: capitalized words and runs of them (Unicode capitals: Łukasz, Émile, Владимир,
Αθήνα) that are not at a sentence start, the byline's names, and sentence-initial words
the text also uses as names. Titles before a name (President, Defence Secretary) are not
part of it; "King" after a given name is (Kevin King). In German every noun is
capitalized, so there only runs of two or more words and names known otherwise count.

Deciding (:func:`to_protect`): protecting a name the engine handles makes translations
worse ("el United States"), so an engine that can say how it reads a word (Apertium's
analyser) decides: a name whose words the engine would translate as ordinary words
(Trump, King, Fox, Stone) is protected; a proper noun it knows (United States, Iran,
Middle East: translated correctly, exonyms included) or a word it does not know
(Hegseth: passed through) is left to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import regex

from syndicate.engines.readings import (
    CLOSED,
    ELSEWHERE,
    LITERAL,
    PERSON,
    PROPER,
    UNKNOWN,
    WORD,
    Unit,
)
from syndicate.keep import places, titles
from syndicate.keep.bylines import PARTICLES
from syndicate.text import patterns, sentences

# Capitalized words that are titles, calendar words or articles: translated, not kept.
TITLE_WORDS = {
    "President", "Prime", "Minister", "Ministry", "Secretary", "Defence", "Defense",
    "Foreign", "Affairs", "Chief", "Senator", "Sen", "Governor", "Gov", "General", "Gen",
    "Director", "Chairman", "Chairwoman", "Chair", "Mayor", "King", "Queen", "Prince",
    "Princess", "Pope", "Department", "Republic", "Parliament", "Government", "Army", "Navy",
    "Police", "Court", "Supreme", "Council", "Committee", "Mr", "Mrs", "Ms", "Dr",
    "Representative", "Professor", "Prof", "Vice", "Deputy", "Rep", "Judge", "Justice",
    "Speaker", "Commander", "Colonel", "Captain", "Sergeant", "Officer", "Detective",
    "Inspector", "Bishop", "Cardinal", "Archbishop", "Emperor", "Marshal", "Admiral", "CEO",
    "State", "Attorney", "Spokesman", "Spokeswoman", "Spokesperson", "Ambassador", "Envoy",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "The", "A", "An", "I", "Councillor", "Councilor",
    "Councilman", "Councilwoman", "Alderman", "Commissioner", "Chancellor", "Premier",
    "Congressman", "Congresswoman", "Assemblyman", "Assemblywoman", "Superintendent",
    # Romance-language titles that newsrooms capitalize or abbreviate.
    "Sr", "Sra", "Srta", "Dra", "Don", "Doña", "M", "Mme", "Mlle", "Sig", "Sig.ra",
}  # fmt: skip
# Title words that name a body, not a person: before a word that is no title they are a
# name's ("Republic Records", "Istanbul State Symphony Orchestra"); before a title, the
# body a person's role belongs to ("Army General John Smith").
INSTITUTIONS = {
    "Army", "Navy", "Police", "Court", "Council", "Committee", "Department", "Ministry",
    "Government", "Parliament", "Republic", "State", "Supreme", "Affairs",
}  # fmt: skip
# English titles of nobility (Lord Hastings, Sir Elton John, Lady Gaga) are not among
# the titles: translators keep them with the name (FLORES's six references all write
# "Sir Richard Branson"), so they are no role before it either.
NOBILITY = {"Sir", "Lord", "Lady", "Dame"}
# The last word of a descriptive name of a place or body ("Ross Sea", "Indus River",
# "Istanbul State Symphony Orchestra"): the engine translates it and orders the name as
# its language does ("Mar de Ross", "río Indo"); only the words it does not know are kept.
# Streets and squares are not among them: FLORES's human references keep 17 of 24 whole
# (Downing Street, Trafalgar Square), against 8 of 402 names with the heads below.
HEAD_NOUNS = {
    "Sea", "Ocean", "River", "Lake", "Bay", "Gulf", "Strait", "Channel", "Island", "Islands",
    "Isle", "Mountains", "Hills", "Valley", "Desert", "Peninsula", "Coast", "Canyon",
    "Falls", "Glacier", "Volcano", "Basin", "Forest", "Park", "Reserve", "Region",
    "Province", "County", "District", "Canal",
    "Highway", "Station", "Airport", "Harbour", "Harbor", "Orchestra", "Choir", "University",
    "College", "School", "Institute", "Academy", "Museum", "Library", "Hospital", "Church",
    "Cathedral", "Temple", "Palace", "Castle", "Tower", "Stadium", "Theatre", "Theater",
    "Agency", "Office", "Festival", "Award", "Prize", "Scale", "Area", "Centre", "Center",
    "Foundation", "Federation", "Association", "Society", "Organisation", "Organization",
    "Commission",
    # Institutions, bodies and periods: FLORES's references translate them (Los Angeles
    # Police Department, Birmingham Crown Court, Florida Republican Party, Bronze Age).
    "Government", "Navy", "Army", "Department", "Ministry", "Court", "Council", "Committee",
    "Parliament", "Police", "Party", "Authority", "Survey", "Service", "Corps", "Act",
    "Dynasty", "Civilization", "Civilisation", "Empire", "Age", "War", "Battle", "Hall",
    "Brewery", "Probe", "Site", "List", "Class", "Gardens", "Games", "Olympics",
}  # fmt: skip
CONNECTORS = {"of", "de", "del", "da", "van", "von", "der", "al", "bin", "la", "le", "du", "di"}
CONNECTORS |= {"the"}  # Alexander the Great: one name to an engine that knows it
# Languages that capitalize every noun: a single capitalized word says nothing there.
NOUN_CAPITALIZING = {"de", "lb"}

# Words that open sentences in news copy and are never a name's first word, for articles
# too short to show them in lower case too. By the article's language: in English, "Los"
# of "Los Angeles police said" or "La" of "La Leona" opens a name, not a sentence.
_OPENERS = {
    "en": "the a an in on at but and or so if as for from with by after before when while"
    " this that these those there it he she they we i his her their its our my no not yes"
    " then some many most all each every few several both such other another any",
    "es": "el la los las un una en y pero",
    "fr": "le la les un une et mais il elle",
    "de": "der die das ein eine und aber",
    "pt": "o os a as um uma e mas",
}
OPENERS_BY_LANG = {lang: frozenset(words.split()) for lang, words in _OPENERS.items()}
SENTENCE_OPENERS = frozenset().union(*OPENERS_BY_LANG.values())  # language unknown

_WORD = r"\p{Lu}[\p{L}\p{M}\p{N}&-]*(?:[.'’]\p{Lu}[\p{L}\p{M}\p{N}-]*)*"
# "Six Flags St. Louis", "Anna St. John": a saint's abbreviation after a run's word is
# part of the name, unless a sentence opens after it ("on Main St. The next day").
_SAINT_INSIDE = (
    rf"(?<=\p{{Lu}}[\p{{L}}\p{{M}}\p{{N}}&-]*\s+St)\.\s+"
    rf"(?!(?i:{'|'.join(sorted(_OPENERS['en'].split()))})(?![\p{{L}}\p{{N}}]))"
)
_CAP_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:\p{{Lu}}\.\s?)?{_WORD}"
    rf"(?:(?:(?:\s+(?:{'|'.join(sorted(CONNECTORS))}))?\s+|{_SAINT_INSIDE}){_WORD})*"
)
_COMPOUND = regex.compile(r"(?<![\p{L}\p{N}-])[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+(?![\p{L}\p{N}-])")


@dataclass
class Names:
    """Names in an article. ``titled``: names that follow a title word (President Trump),
    which makes a person of them whatever the words mean."""

    all: list[str] = field(default_factory=list)
    titled: set[str] = field(default_factory=set)
    # names of two words or more right after a person's title, a sentence's first word
    # too ("Governor Ann Cole said"): whose title may agree with them (agreement.py)
    after_title: set[str] = field(default_factory=set)
    byline: set[str] = field(default_factory=set)
    glossary: set[str] = field(default_factory=set)
    compounds: list[str] = field(default_factory=list)  # hyphenated: 28-year-old
    # the word before each occurrence of a name of several words or a city: "" where a noun
    # phrase opens there (a sentence start, a comma), None-like absence where a quote,
    # bracket or number stands before it; for :func:`to_protect`'s bare names
    before: dict[str, set[str]] = field(default_factory=dict)
    # the sentence-initial words taken as a name's first word ("Anna" of "Anna Dvořák
    # met"): the analyser may say one is a function word or a verb (:func:`refine`)
    openers: set[str] = field(default_factory=set)
    # the other capitalized words that open sentences ("Jarque was practicing", "La" of
    # "La Leona"): one no analyser knows is protected too (:func:`to_protect`)
    initials: set[str] = field(default_factory=set)
    # abbreviated titles before a name ("Dr." of "Dr. Lee", "St." of "St. Louis"): how
    # the pair treats each is asked of it (:mod:`syndicate.keep.titles`)
    abbreviations: set[str] = field(default_factory=set)
    # names right after a noun that says what they name ("the game Six Days in
    # Fallujah", "the dance group Fire of Anatolia"): titles, whatever their words
    classed: set[str] = field(default_factory=set)
    # names written before their state or country ("Chicken, Alaska"): places
    placed: set[str] = field(default_factory=set)
    # the names each one is listed with ("Emirates, Etihad Airways, Qatar Airways &
    # Turkish Airlines"): the members of a list are of one kind
    listed: dict[str, set[str]] = field(default_factory=dict)
    # the runs split at a title word ("Premier League"): one the analyser knows as a
    # proper noun is one name (:func:`proper_runs`)
    title_runs: set[str] = field(default_factory=set)
    # the title-opened runs an analyser knows as one proper noun (``find``'s one_name)
    one_name: frozenset[str] = frozenset()

    def words_before(self) -> set[str]:
        """The words that stand right before names: to be read by the analyser too."""
        return {w for ws in self.before.values() for w in ws if w}


def occurs(name: str, text: str) -> bool:
    """``name`` in ``text`` as a whole word ("Stone" not in "Stoneham")."""
    return patterns.occurs(name, text)


def found_in(words: set[str], text: str) -> set[str]:
    """Which of ``words`` occur in ``text`` as whole words: one pass over the text."""
    if not words:
        return set()
    return {w for _, _, w in patterns.spans(words, text, patterns.LETTERS_DIGITS)}


def _after_a_title(text: str, names: list[str]) -> set[str]:
    """The names that follow a person's title in ``text`` (one pass for all)."""
    if not names:
        return set()
    before = _title_before()
    return {
        name
        for start, _, name in patterns.spans(names, text, patterns.LETTERS_DIGITS)
        if before.search(text, max(0, start - 200), start)
    }


@cache
def _title_before() -> regex.Pattern:
    alts = "|".join(sorted(titles.PERSON_TITLES - {"General"}))  # General Motors
    return regex.compile(rf"(?<!\p{{L}})(?:{alts})\s+\Z")


_PHRASE_OPENERS = frozenset(".!?:;,&—–\n")


def _words_before(text: str, names: list[str]) -> dict[str, set[str]]:
    """For each name, what stands right before its occurrences: the lower-case word,
    or "" where a phrase opens (text start, sentence or list punctuation). Quotes,
    brackets, numbers and capitalized words say nothing and are left out. One pass."""
    out: dict[str, set[str]] = {}
    if not names:
        return out
    for start, _, name in patterns.spans(names, text, patterns.LETTERS_DIGITS):
        j = start
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j == 0 or text[j - 1] in _PHRASE_OPENERS:
            out.setdefault(name, set()).add("")
            continue
        k = j
        while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’"):
            k -= 1
        word = text[k:j]
        if word[:1].islower() and (k == 0 or not text[k - 1].isalnum()):
            out.setdefault(name, set()).add(word)
    return out


def _lowercase_words(paragraphs: list[str]) -> set[str]:
    """Every word the article writes in lower case somewhere."""
    return {w for p in paragraphs for w in regex.findall(r"\b\p{Ll}[\p{L}\p{M}'’-]*", p)}


def _split_titles(
    words: list[str], whole: frozenset[str] = frozenset(), runs: set[str] | None = None
) -> list[tuple[list[str], bool]]:
    """Split a capitalized run at title words that precede a name ("Israeli Prime
    Minister Benjamin Netanyahu" -> "Israeli", "Benjamin Netanyahu"); a title word at the
    end belongs to the name ("Kevin King", "Islamic State"), and so does one opening a
    run the analyser knows as one proper noun (``whole``: "Premier League"). Each group
    comes with whether a title went before it; ``runs`` collects the runs from each title
    split at, for the analyser to be asked."""

    def title(w: str) -> bool:
        w = w.rstrip(".")  # and plurals: "Colonels John Stark and James Reed"
        return w in TITLE_WORDS or (w[-1:] == "s" and w[:-1] in titles.PERSON_TITLES)

    groups: list[tuple[list[str], bool]] = [([], False)]
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in INSTITUTIONS and nxt and not title(nxt) and nxt not in CONNECTORS:
            groups[-1][0].append(w)  # "Republic Records", "Navy SEALs": a name's word
        elif (
            title(w)
            and any(not title(x) and x not in CONNECTORS for x in words[i + 1 :])
            and " ".join(words[i:]) not in whole
        ):
            if runs is not None:
                runs.add(" ".join(words[i:]))
            groups.append(([], True))
        else:
            groups[-1][0].append(w)
    out = []
    for g, titled in groups:
        while g and g[0] in CONNECTORS:
            g.pop(0)
        while g and g[-1] in CONNECTORS:
            g.pop()
        if g and not all(title(w) for w in g):
            out.append((g, titled))
    return out


# Nouns that introduce a name in apposition, as newsrooms write them ("the magazine Time",
# "the band Queen", "the game Six Days in Fallujah"): what follows is that thing's name.
CLASS_NOUNS = {
    "game", "film", "movie", "show", "series", "sitcom", "band", "magazine", "newspaper",
    "tabloid", "album", "song", "single", "book", "novel", "ship", "team", "club", "brand",
    "company", "firm", "station", "channel", "network", "airline", "hotel", "restaurant",
    "app", "website", "group", "label", "studio", "publisher", "carmaker", "retailer",
}  # fmt: skip
# Words a Title Case headline leaves in lower case ("Man of the Year Goes to Rome").
_TITLE_CASE_LOWER = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
    "of", "off", "on", "per", "to", "up", "via", "vs", "from", "into", "onto", "over", "with",
    "than",
}  # fmt: skip


_LIST_GAP = regex.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)")


def _lists(spans: list[tuple[int, int, str]], text: str) -> dict[str, set[str]]:
    """For each name at ``spans`` in ``text``, the others it stands in a list with: names
    one after the other with only a comma, "and", "or" or "&" between them."""
    out: dict[str, set[str]] = {}
    run: list[str] = []
    last_end = -1
    for start, end, name in [*spans, (len(text) + 1, 0, "")]:
        if run and not (last_end >= 0 and _LIST_GAP.fullmatch(text, last_end, start)):
            if len(run) > 2:
                for n in run:
                    out.setdefault(n, set()).update(m for m in run if m != n)
            run = []
        if name:
            run.append(name)
            last_end = end
    return out


def sentence_case(headline: str) -> bool:
    """A headline written like a sentence ("Karno was born in Buffalo"), where only
    names take capitals: two lower-case words that Title Case would capitalize. In a
    Title Case headline ("Buffalo Bills Win Again") a capital says nothing."""
    lower = [w for w in regex.findall(r"\p{L}+", headline) if w[0].islower()]
    return sum(w not in _TITLE_CASE_LOWER for w in lower) >= 2


def find(
    paragraphs: list[str],
    authors: tuple[str, ...] | list[str] | str | None = None,
    glossary_terms: list[str] | None = None,
    lang: str = "en",
    not_openers: frozenset[str] = frozenset(),
    one_name: frozenset[str] = frozenset(),
) -> Names:
    """Likely proper names in the text (the first paragraph is the headline).
    ``not_openers``: sentence-initial words never taken as a name's first word;
    ``one_name``: runs opening with a title word that are one name (:func:`proper_runs`)."""
    if isinstance(authors, str):
        authors = (authors,)
    authors = tuple(authors or ())
    mid: set[str] = set()
    titled: set[str] = set()
    title_runs: set[str] = set()
    starts: list[str] = []
    openers: set[str] = set()
    headline, body = (paragraphs[0], paragraphs[1:]) if paragraphs else ("", [])
    if sentence_case(headline):  # its capitals are names', as in the body
        headline, body = "", list(paragraphs)
    nouns_capitalized = lang in NOUN_CAPITALIZING
    openers_of_lang = OPENERS_BY_LANG.get(lang, SENTENCE_OPENERS)
    lowered = _lowercase_words(paragraphs)
    for para in body:
        for m in _CAP_RUN.finditer(para):
            if para[m.end() : m.end() + 1] == "$":
                continue  # "US$30", "HK$": a currency's sign, not a country's name
            words = m.group(0).split()
            follower = para[m.end() :].lstrip()
            # "newspaper The Guardian": a capitalized article inside a sentence is the
            # first word of a title (FLORES's references keep 30 of 36 such runs whole)
            lead_the = len(words) > 1 and words[0] == "The"
            abbreviated = titles.just_before(para, m.start())  # "Mr. Hall", "St. Louis"
            if not abbreviated and sentences.starts_sentence(para, m.start()):
                lead_the = False
                starts.append(words[0])
                # "Anna Dvořák met...": a sentence-initial run is a name from its first
                # word when that word is never an ordinary word in the article ("The",
                # "But" are, written lower case elsewhere) and is no title.
                first = words[0]
                whole = (
                    len(words) > 1
                    and not nouns_capitalized
                    and first.lower() not in lowered
                    and first not in TITLE_WORDS
                    and first.lower() not in openers_of_lang
                    and first not in not_openers
                )
                if whole and len(_split_titles(words)[0][0]) < 2:
                    whole = False  # "Transport Minister Anna Bell": "Transport" alone
                if not whole:
                    words = words[1:]
                    # "Mrs Smith and ...": the name after a title opening the sentence
                    abbreviated = abbreviated or (first in titles.UNDOTTED and first + ".")
                else:
                    openers.add(first)
                if not words:
                    continue
            groups = _split_titles(words[1:] if lead_the else words, one_name, title_runs)
            if lead_the and groups and not groups[0][1]:
                groups[0] = (["The", *groups[0][0]], False)
            if abbreviated and abbreviated != titles.SAINT and groups:
                groups[0] = (groups[0][0], True)
            for n, (group, had_title) in enumerate(groups):
                name = " ".join(group)
                after = follower if n == len(groups) - 1 else "X"
                if len(group) == 1:
                    if nouns_capitalized and not had_title:
                        continue
                    if titles.DEMONYM.match(name) and not had_title and after[:1].islower():
                        continue  # "Israeli media", "American troops": an adjective
                mid.add(name)
                if had_title:
                    titled.add(name)
    known_tokens = {t for n in mid for t in n.split()}
    for a in authors:
        mid.add(a)
        known_tokens.update(w for w in a.split() if w.lower() not in PARTICLES)
    for word in starts:
        if word in known_tokens and word not in TITLE_WORDS:
            mid.add(word)
    # "Pete Hegseth" found mid-sentence makes "Hegseth" a name where it stands alone
    # ("United" of "United States" never does).
    longer = sorted((n for n in mid if " " in n), key=len, reverse=True)
    rest = "\n".join(paragraphs)
    if longer:
        rest = regex.sub("|".join(regex.escape(n) for n in longer), " ", rest)
    tokens = {
        t
        for name in longer
        for t in name.split()
        if t not in TITLE_WORDS and t[:1].isupper() and len(t) >= 2
    }
    mid |= found_in(tokens, rest)
    if headline:
        for m in _CAP_RUN.finditer(headline):
            for w in m.group(0).split():
                if w in known_tokens and w not in TITLE_WORDS:  # not "The" of The Onion
                    mid.add(w)
    gloss = set(glossary_terms or ())
    mid |= gloss
    mid = {n for n in mid if len(n) > 1 and not n.isdigit()}
    text = "\n".join(paragraphs)
    ordered = sorted(mid)
    prev = _words_before(text, ordered)
    spans = patterns.spans(ordered, text)  # where each name stands, for places and lists
    return Names(
        before=prev,  # for the bare-name rules
        classed={n for n, w in prev.items() if w & CLASS_NOUNS},
        compounds=sorted(set(_COMPOUND.findall(text))),
        all=sorted(mid, key=lambda n: (-len(n), n)),
        titled=titled & mid,
        after_title=_after_a_title(text, [n for n in mid if " " in n]),
        byline={a for a in authors},
        glossary=gloss,
        openers=openers,
        initials={w for w in starts if w not in mid and len(w) > 1 and w not in TITLE_WORDS},
        abbreviations=titles.before_names(text),
        placed=places.placed(spans, text),
        listed=_lists(spans, text),
        title_runs=title_runs - one_name,
        one_name=one_name,
    )


def proper_runs(readings: dict[str, list[Unit]]) -> frozenset[str]:
    """Of the runs a title word opened (``Names.title_runs``), those the analyser reads
    as one proper noun: eng-spa knows "Premier League", which split at the title
    "Premier" reached the engine as "the premier League"."""
    return frozenset(
        run
        for run, units in readings.items()
        if len(units) == 1 and units[0].surface == run and PROPER in units[0].kinds
    )


def closed_openers(found: Names, readings: dict[str, list[Unit]]) -> frozenset[str]:
    """The sentence-initial words ``found`` took as a name's first word that the
    analyser reads only as a function word or a verb ("Although Chile", "Since
    Pakistani", "Entering Southern Africa"): for :func:`find` to leave out."""
    return frozenset(
        w
        for w in found.openers
        if (units := readings.get(w)) and len(units) == 1 and CLOSED in units[0].kinds
    )


def _person(kinds: list[frozenset[str]]) -> bool:
    """A person's name starts with a name (Kevin King, Fox News, not Boy King or
    University of Virginia); a person reading on a word that can be an adjective (French
    law, German Navy) or before one (Orlando International Airport) is a descriptive
    name's."""
    return (
        any(PERSON in k and "adj" not in k for k in kinds)
        and bool(kinds[0] & {PERSON, UNKNOWN})
        and not any("adj" in k for k in kinds[:-1])
    )


def _descriptive_start(kinds: frozenset[str]) -> bool:
    """A first word that makes a run a description (Atlantic Ocean, European Union,
    Northern California, Six Days, First Class): an adjective or a number with no
    reading as a name. FLORES's human references keep 29% of such runs verbatim
    (translate 71%), against 90% of runs that start with a name or a word the engine
    does not know."""
    return bool(kinds & {"adj", "num"}) and not kinds & {PERSON, PROPER, UNKNOWN}


def _bare(name: str, names: Names, readings: dict[str, list[Unit]], opening: bool = True) -> bool:
    """The name stands somewhere as a noun phrase of its own, with no determiner,
    adjective or number before it ("of Northern Rock", "Northern Rock had", "under
    Modern Education"): in English only a proper name does. A descriptive name takes
    its article ("the eastern Atlantic Ocean", "the Bronze Age"). FLORES's references
    keep 55% of bare runs of an adjective and a noun, 14% of the others. Without
    ``opening``, a phrase's start is no evidence (one ordinary word may open any)."""
    for word in names.before.get(name, ()):
        if not word:
            if opening:
                return True
            continue
        units = readings.get(word) or []
        kinds = frozenset().union(*(u.kinds for u in units)) if units else frozenset()
        if kinds and not kinds & {UNKNOWN, "det", "adj", "num"}:
            return True
    return False


def _determined(name: str, names: Names, readings: dict[str, list[Unit]]) -> bool:
    """Every word before the name is a determiner or an adjective ("their Spring Forum",
    "the House Energy", "an Ecuadorian Consulate", "tropical Garden City"): a description
    of ordinary words, where a name of them stands bare ("newspaper The Guardian", "in
    Alpha TV", "Star Alliance is"). With no word before it there is no evidence."""
    before = names.before.get(name, ())
    if not before or "" in before:
        return False
    for word in before:
        units = readings.get(word) or []
        kinds = frozenset().union(*(u.kinds for u in units)) if units else frozenset()
        if not kinds & {"det", "adj"} or kinds & {UNKNOWN, PERSON, PROPER}:
            return False
    return True


def lowered(names: Names, readings: dict[str, list[Unit]], protected: set[str]) -> frozenset[str]:
    """Adjectives the pair does not know and another analyser of the language does
    ("Pakistani", "Greenlandic": eng-spa passes them through, "el Pakistani el
    presidente"), in names left to the engine: in lower case, as the pair's unknown
    ordinary words are, backoff translates them through the pairs that know them ("el
    presidente paquistaní"). A word of a protected name stays as written."""
    kept = {t for n in protected for t in n.split()}
    return frozenset(
        u.surface
        for n in names.all
        if n not in protected
        for u in readings.get(n) or ()
        if ELSEWHERE in u.kinds and "adj" in u.kinds and u.surface not in kept
    )


# English words after which an adjective of a people stands as a noun ("call themselves
# Inuit in Canada": the people, capitalized in the targets too).
_NOT_A_NOUN = "in|on|at|of|and|or|to|from|by|for|with|as|is|are|was|were|who|which|that"


def lower_words(text: str, words: frozenset[str]) -> str:
    """``words`` in lower case where they stand inside a sentence (after a lower-case
    word: one opening a sentence keeps its capital) before the noun they describe
    ("Pakistani independence", "the Pakistani President")."""
    if not words:
        return text
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.sub(
        rf"(?<=[\p{{Ll}}\d][,;:]? )(?:{alts})(?= (?!(?:{_NOT_A_NOUN})\b)\p{{L}})",
        lambda m: m[0].lower(),
        text,
    )


def languages_unread(
    readings: dict[str, list[Unit]], language: Callable[[str], str | None]
) -> dict[str, list[Unit]]:
    """Readings with a language's name that the pair does not know unknown again, though
    another analyser reads it (``ELSEWHERE``): CLDR writes its people's adjective
    (:func:`language_adjectives`: "Armenian" -> "armenio", gl "sánscrito"), where backoff
    would guess word by word."""
    unknown = frozenset([UNKNOWN])
    return {
        p: [
            Unit(u.surface, unknown) if ELSEWHERE in u.kinds and language(u.surface) else u
            for u in units
        ]
        for p, units in readings.items()
    }


def language_adjectives(
    protected: set[str],
    readings: dict[str, list[Unit]],
    language: Callable[[str], str | None],
) -> tuple[set[str], dict[str, str]]:
    """A language's name before a name is its people's adjective, no part of the name
    ("the ethnically Armenian Nagorno-Karabakh region": Nagorno-Karabakh is kept, the
    engine or CLDR writes "armenio"); one the engine does not know (eng-spa passes
    "Armenian" through, en-gl "Sanskrit") is written as CLDR writes it (``language``:
    its name in the target), one it knows it translates itself. A description made with
    one ("English Channel": Channel an ordinary word) stays as it was. Returns the names
    to protect and the words to write in CLDR's form."""
    out = set(protected)
    forms: dict[str, str] = {}
    for n in sorted(protected):
        units = readings.get(n) or []
        first, _, rest = n.partition(" ")
        cldr = language(first)
        if not cldr or not units or units[0].surface != first:
            continue
        if rest and any(WORD in u.kinds for u in units[1:]):
            continue
        out.discard(n)
        if rest:
            out.add(rest)
        if WORD not in units[0].kinds:
            forms[first] = cldr
            out.add(first)
    return out, forms


def _ordinary(kinds: frozenset[str]) -> bool:
    return WORD in kinds and not kinds & {PERSON, PROPER, UNKNOWN}


def _caps_word(name: str, units: list[Unit]) -> bool:
    """An acronym the engine reads only as an ordinary word ("ADD" -> "añadir", "CAT" ->
    "gato"): none of its readings is the dictionary's acronym (NATO, TV, WHO -> OMS) or
    a name, nor a determiner ("ALL" shouted)."""
    return (
        len(units) == 1
        and len(name) >= 2
        and name.isalpha()
        and name.isupper()
        and WORD in units[0].kinds
        and not units[0].kinds & {"acr", "det", PROPER, PERSON}
    )


def _role_before_person(units: list[Unit]) -> str | None:
    """The person's name after ordinary words that describe them ("Canadian Mary Field",
    "Squadron Leader Dilokrit Pattavee"): the words before are translated, the name of
    two words or more kept. None when the run is no such thing (Forest Hill)."""
    if units and units[0].surface in NOBILITY | {"The"}:  # The Colbert Report: a title
        return None
    i = 0
    while i < len(units) and _ordinary(units[i].kinds):
        i += 1
    if i > 0 and len(units) - i >= 2 and units[i].kinds & {PERSON, UNKNOWN}:
        return " ".join(u.surface for u in units[i:])
    return None


def _person_before_head(units: list[Unit]) -> str | None:
    """The person a place or body is named after, before its descriptive head ("Will
    Rogers Memorial Center", "Lyndon B. Johnson Space Center"): two words or more that
    read as a person's name, one at least no ordinary word. The engine translates the
    head; the person's words are kept ("Voluntad Rogers Centro Conmemorativo", and en-ca
    drops the modal "Will" altogether)."""
    i = 0
    while i < len(units) - 1 and PERSON in units[i].kinds:
        i += 1
    if i >= 2 and any(WORD not in u.kinds for u in units[:i]):
        return " ".join(u.surface for u in units[:i])
    return None


def to_protect(
    names: Names,
    readings: dict[str, list[Unit]],
    has_exonym: Callable[[str], bool] = lambda name: False,
) -> set[str]:
    """The names an engine would break, given how it reads each one.

    The policy follows what human translators do, measured on FLORES's references
    (``bench/names_policy.py`` prints the shares): they keep verbatim the runs that start
    with a name or a word the engine does not know (Kanye West 99%, P+P 93%, U+U 90%) and
    translate the descriptive ones: an adjective first (Atlantic Ocean, European Union:
    22-36% kept) or a descriptive head (Ross Sea, Indus River: 8-13%). Runs of two
    ordinary nouns are split (W+W 21% kept: Star Alliance, Downing Street kept; Bronze
    Age, Station Wagon translated): they are protected whole here, a deliberate choice
    (a brand or a place translated word by word is the error readers report), paid for
    in bench-quality's "changed kept" column.

    Left to the engine: a proper noun it knows as one unit (United States, Iran,
    London: its dictionary's rendering, exonyms included), a descriptive name (only the
    words it does not know are kept, and it orders the rest as its language does), and an
    ordinary word alone (Sun, Earth, French: protecting those lowered chrF on FLORES),
    unless a title, the byline or the glossary makes it a name.

    Protected: every other name of several units, whole (rules reorder or translate its
    words: "said Dmitry Gendelman" -> "dmitry dicho Gendelman", "Kanye Del oeste"); a
    word the engine does not know (its transfer rules move and recapitalize unknown
    words; a placeholder is restored exactly); one token the engine splits (Caliber.Az);
    and a word that is part of a protected name elsewhere (Trump, after Donald Trump).
    A name with a CLDR exonym (``has_exonym``: Cape Verde) or with a place the engine
    knows as one unit (RSPCA New South Wales) keeps only its unknown words.
    An adjective before a person's name is not part of it ("Canadian Mary Field": Mary
    Field is kept, Canadian translated). A gazetteer's city (Buffalo, Reading,
    :mod:`~syndicate.keep.places`) is kept where it stands bare, and a town named with a
    descriptive head (Victoria Falls) whole; so is a name of words written before its
    state or country ("Chicken, Alaska").
    """
    protect: set[str] = set()
    for name in names.all:
        units = readings.get(name)
        if not units:
            continue
        kinds = [u.kinds for u in units]
        word = any(WORD in k for k in kinds)
        unknown = [u.surface for u, k in zip(units, kinds, strict=True) if UNKNOWN in k]
        if any(LITERAL in k for k in kinds):
            protect.add(name)
        elif len(units) > 1 and name in names.one_name:
            # "Premier League": a proper noun to eng-spa, words to eng-cat ("la Lliga de
            # premier"), whose title word made it look like a title and a name
            protect.add(name)
        elif word and name in names.placed and not any(PROPER in k for k in kinds):
            protect.add(name)  # "in the wilds of Chicken, Alaska": a place, not "Pollo"
        elif word and name in names.classed and "adj" not in kinds[0]:
            # "the game Six Days in Fallujah": a title ("the group Islamic State", an
            # adjective first, is a description the engine translates)
            protect.add(name)
        elif len(units) > 1 and name.split()[-1] in HEAD_NOUNS and places.is_town(name):
            protect.add(name)  # Victoria Falls, the town: no "Victoria Caídas"
        elif (
            len(units) > 1
            and WORD in kinds[-1]
            and (
                name.split()[-1] in HEAD_NOUNS
                or (name.split()[-1] in TITLE_WORDS and _ordinary(kinds[0]))
            )
        ):
            # Ross Sea, Indus River: the engine orders them; Health Minister, Boy King: a
            # role (Kevin King is a person)
            protect.update(unknown)
            if person := _person_before_head(units):
                protect.add(person)  # "Will Rogers Memorial Center": not "Voluntad Rogers"
        elif (
            len(units) > 1
            and name.split()[0] in HEAD_NOUNS
            and _ordinary(kinds[0])
            and all(k & {UNKNOWN, PROPER} for k in kinds[1:])
        ):
            protect.update(unknown)  # Lake Onega: "lago Onega", as the references write it
        elif len(units) > 1 and " " not in name and "-" in name and unknown == []:
            if not any(PERSON in k for k in kinds):
                continue  # Korean-language, Engineer-in-Chief: ordinary words, hyphenated
            protect.add(name)
        elif len(units) > 1 and " " not in name and word:
            protect.add(name)  # one token the engine splits: Caliber.Az -> Caliber . Az
        elif (
            len(units) > 1
            and all("adj" in k and not k & {PROPER, UNKNOWN} for k in kinds)
            and _ordinary(kinds[-1])
        ):
            continue  # Roman Catholic: adjectives, a description (references: Wa+Wa 0/12 kept)
        elif len(units) > 1 and (person := _role_before_person(units)):
            protect.add(person)  # "Canadian Mary Field": the person
        elif (
            len(units) > 1
            and _descriptive_start(kinds[0])
            and all(_ordinary(k) and "num" not in k for k in kinds)
            and not regex.fullmatch(r"[IVXLC]+", name.split()[-1])  # World War II
            and _bare(name, names, readings)
        ):
            protect.add(name)  # Northern Rock, Turkish Airlines: a brand, not a description
        elif len(units) > 1 and (
            _descriptive_start(kinds[0]) or (_ordinary(kinds[0]) and " of " in name)
        ):
            # Atlantic Ocean, Northern California; House of Representatives, College of
            # Arts: the head first (the references translate all 9 on FLORES)
            protect.update(unknown)
        elif len(units) > 1 and (
            has_exonym(name) or any(PROPER in u.kinds and " " in u.surface for u in units)
        ):
            protect.update(unknown)  # Cape Verde, GP New Zealand: the engine's exonyms
        elif len(units) > 1 and unknown and PROPER in kinds[-1] and not word:
            protect.update(unknown)  # Partizan Belgrade: Belgrado, as the references do
        elif (
            len(units) > 1
            and all(_ordinary(k) and "adj" not in k for k in kinds)
            and _determined(name, names, readings)
        ):
            continue  # "their Spring Forum", "an Ecuadorian Consulate": a description
        elif len(units) > 1:
            protect.add(name)  # Kanye West, Fort Worth, Star Alliance, Air Canada
        elif unknown:
            protect.add(name)
        elif _caps_word(name, units):
            protect.add(name)  # "Children with ADD": the acronym, not "AÑADIR"
        elif not word:
            continue
        elif name in names.titled or name in names.byline or name in names.glossary:
            protect.add(name)
        elif (
            not kinds[0] & {"adj", "pl", PROPER, PERSON}  # Berlin: the dictionary's Berlín
            and places.is_city(name)
            and _bare(name, names, readings, False)
        ):
            protect.add(name)  # "came to Buffalo": the city (places.py), not "la búfalo"
    for name, others in names.listed.items():
        units = readings.get(name)
        if (
            name not in protect
            and units
            and len(units) == 1
            and WORD in units[0].kinds
            and not units[0].kinds & {"adj", PROPER, PERSON}
            and len(others & protect) >= 2
        ):
            protect.add(name)  # "Emirates, Etihad Airways, Qatar Airways": one of them
    for word in names.initials:
        units = readings.get(word)
        if units and _caps_word(word, units):
            protect.add(word)  # "ADD affects relationships"
        if units and len(units) == 1 and not units[0].kinds & {WORD, PROPER, CLOSED}:
            protect.add(word)  # passed through anyway: a placeholder keeps the case after it
    tokens = {t for n in protect for t in n.split()}
    last = {n.split()[-1] for n in protect}
    # the surnames of people's names (Ana Rivers: a name or an unknown word first)
    surnames = {
        n.split()[-1]
        for n in protect
        if " " in n and (u := readings.get(n)) and u[0].kinds & {PERSON, UNKNOWN}
    }
    for name in names.all:
        units = readings.get(name)
        if (
            name in tokens
            and units
            and any(WORD in u.kinds for u in units)
            # a surname alone (Stark of John Stark), not a modifier ("German" of "German Navy")
            and (name in last or not any("adj" in u.kinds for u in units))
            # nor a plural noun but a person's ("Airlines" of "Turkish Airlines" opening a
            # sentence; "Rivers" of "Ana Rivers" is hers)
            and (
                name in surnames
                or not (len(units) == 1 and "pl" in units[0].kinds and _ordinary(units[0].kinds))
            )
        ):
            protect.add(name)
    return protect | names.glossary


def people_at_starts(names: Names, readings: dict[str, list[Unit]]) -> list[str]:
    """Sentence-initial words found nowhere else that the engine reads only as a person
    (Sophocles): :func:`to_protect` keeps them, as words it passes through; the
    pipeline leaves to the engine those its dictionary renders otherwise (Sófocles)."""
    return [
        w
        for w in sorted(names.initials)
        if w not in names.all
        and (units := readings.get(w))
        and len(units) == 1
        and PERSON in units[0].kinds
        and not units[0].kinds & {WORD, PROPER, CLOSED}
    ]


def split_compounds(names: Names, readings: dict[str, list[Unit]]) -> dict[str, str]:
    """Hyphenated words the engine reads as separate words, spelled with spaces, so it
    orders them as words ("newly-independent Algeria" -> "Argelia nuevamente
    independiente"). Compounds it knows (self-defence), ones with an unknown part
    (co-driver) and ones with a number stay: "100-metre ship" as words gives "100 barco
    de metro", whole "barco de 100 metros" (the glue transfer leaves is undone in the
    engine's own pipeline, ``engines.apertium.UNGLUE``)."""
    out = {}
    for c in names.compounds:
        units = readings.get(c) or []
        if len(units) < 2 or any(UNKNOWN in u.kinds for u in units) or regex.search(r"\d", c):
            continue
        out[c] = regex.sub(r"(?<=\p{L})-|-(?=\p{L})", " ", c)
    return out


def left_to_engine(names: Names, readings: dict[str, list[Unit]], protected: set[str]) -> list[str]:
    """Names the engine reads as one proper noun and is left to translate: the check
    accepts them verbatim or as the pair's dictionary rendering of that whole name
    (United States -> Estados Unidos), never a word-by-word translation."""
    return [
        n
        for n in names.all
        if n not in protected
        and len(readings.get(n) or ()) == 1
        and (
            not any(WORD in u.kinds for u in readings[n])
            # "US": no pronoun, but checked all the same, against its rendering alone: a
            # pivot's "EE.UU." must not pass for the target's "USA"
            or ambiguous(readings[n])
        )
    ]


def as_words(
    names: Names,
    readings: dict[str, list[Unit]],
    checked: set[str],
    has_exonym: Callable[[str], bool] = lambda name: False,
) -> tuple[str, ...]:
    """The names left to the engine as ordinary words that stand bare inside a sentence,
    as English writes names and not descriptions ("lifts Spurs to fourth", "lost to
    Crystal Palace at Selhurst Park"; "the Atlantic Ocean" takes its article). The policy
    translates them because the references mostly do (:func:`to_protect`), but a team or
    a magazine among them comes back as words ("Espolones") and nothing the engine did
    not produce says which: the report names them for the editor, never as "ok". Not a
    title, nor a run of adjectives (British, Roman Catholic), a people (Germans), an
    acronym the dictionary has (TV), a hyphenated word (Spanish-speaking), a name with a
    CLDR form (a language, a country: ``has_exonym``), nor a checked name or a word of
    one ("Kane" of "Harry Kane"), nor a run holding one ("Ayatollah Ali Khamenei")."""
    tokens = {t for n in checked for t in n.split()}
    out = []
    for name in names.all:
        units = readings.get(name) or []
        if (
            name in checked
            or name in names.glossary
            or not any(WORD in u.kinds for u in units)
            or all(w in TITLE_WORDS or w in CONNECTORS for w in name.split())
            or all("adj" in u.kinds for u in units)
            or any("acr" in u.kinds for u in units)
            or ("-" in name and not any(u.kinds & {PERSON, UNKNOWN} for u in units))
            or titles.DEMONYM.match(name.removesuffix("s"))
            or has_exonym(name)
            or (" " not in name and name in tokens)
            or any(f" {c} " in f" {name} " for c in checked if " " in c)
            or not _bare(name, names, readings, opening=False)
        ):
            continue
        out.append(name)
    return tuple(out)


def ambiguous(units: list[Unit]) -> bool:
    """One unit read both as a place or body and as a word (China, Turkey, Apple, a
    surname too): the tagger picks one in context ("última Porcelana", fr "après Poma et
    Amazone"), so the name is checked, against its dictionary rendering alone ("China",
    "Xina", "Apple")."""
    return len(units) == 1 and {PROPER, WORD} <= units[0].kinds
