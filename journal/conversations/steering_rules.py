"""The steering conversation's rules: what makes a valid expectation and a valid answer, and the
gentle check of an expectation's wording (in English and Dutch). An expectation works best when
it is honest, positive and clear (the result or behaviour needed and why; about the work, never
the person; what to do rather than what not to do) and leaves room for how (METHOD.md). The
check only informs a hint; nothing is ever refused on it, so the patterns lean toward missing a
case over a false alarm. Pure: plain data in, plain data out."""
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from journal.clock import parse_day

LIMIT = 1000  # characters of each of the manager's fields
ANSWER_LIMIT = 2000  # characters of each of the employee's fields
FIELDS = ("expectation", "reason", "room")
ANSWER_FIELDS = ("plan", "view")
HELD_ON_RANGE = 366  # days before or after today a conversation day may be

# -- about the person, not the work: a trait, a generalisation, "your attitude" --------------

_EN_YOU_ARE = (r"\b(?:you(?:['’]?re|\s+are|\s+were|['’]ve\s+been|\s+have\s+been)|"
               r"(?:don['’]?t|do\s+not|stop|quit)\s+(?:be|being))\s+")
_EN_MODIFIERS = (r"(?:(?:so|such|really|very|just|too|always|often|sometimes|quite|rather|"
                 r"a\s+bit|a\s+little|pretty|extremely|incredibly|simply|clearly|still|"
                 r"constantly|being|a|an|the|kind\s+of|somewhat)\s+)*")
_EN_TRAITS = (r"(?:careless|lazy|sloppy|slow|disorgani[sz]ed|unreliable|rude|stubborn|difficult|"
              r"negative|unprofessional|incompetent|unmotivated|arrogant|messy|chaotic|"
              r"inflexible|resistant|defensive|uncooperative|passive|inattentive|forgetful|"
              r"irresponsible|selfish|annoying|hopeless|useless|stupid|dumb|moody|grumpy|"
              r"bossy|na[iï]ve|clumsy|sluggish|uncommitted|indifferent|"
              r"complainer|moaner|slacker|troublemaker|pain)\b")

_NL_YOU_ARE = r"\b(?:(?:je|jij|u)\s+(?:bent|was|bleef|blijft)|(?:ben|was)\s+(?:je|jij)|wees)\s+"
_NL_MODIFIERS = (r"(?:(?:zo|echt|toch|heel|erg|te|veel\s+te|gewoon|wel|ook|een|nogal|best|"
                 r"vaak|soms|altijd|steeds|nog\s+steeds|ontzettend|enorm|zeer|behoorlijk|"
                 r"vrij|nou|eigenlijk|ongelooflijk|wat|een\s+beetje|beetje|zo['’]n|de|het|"
                 r"niet\s+zo)\s+)*")
_NL_TRAITS = (r"(?:slordig|lui|traag|chaotisch|onbetrouwbaar|onprofessioneel|ongemotiveerd|"
              r"koppig|lastig|negatief|onbeleefd|brutaal|dom|onhandig|ongeorganiseerd|"
              r"vergeetachtig|egoïstisch|egoistisch|star|eigenwijs|passief|nonchalant|"
              r"onverschillig|onzorgvuldig|arrogant|moeilijk|ongeïnteresseerd|afwachtend|"
              r"laks|incompetent|hopeloos|nutteloos|zeurderig|humeurig|bazig|naïef|"
              r"klager|zeurpiet|zeur|dwarsligger|lastpak|sloom|warhoofd|chaoot)\b")

_EN_HABITS = (r"(?:forget|miss|skip|ignore|complain|refuse|interrupt|argue|resist|moan|mess|"
               r"arrive\s+late|come\s+in\s+late|turn\s+up\s+late|show\s+up\s+late)")
_EN_NEVER = (r"(?:listen|respond|reply|finish|answer|help|check|log|ask|show\s+up|turn\s+up|"
             r"prepare|follow\s+up)")
_NL_HABITS = r"(?:vergeet|mist|klaagt|weigert|negeert|zeurt|sputtert|moppert|vergeten)"

PERSON = [re.compile(pattern, re.IGNORECASE) for pattern in (
    _EN_YOU_ARE + _EN_MODIFIERS + _EN_TRAITS,
    _NL_YOU_ARE + _NL_MODIFIERS + _NL_TRAITS,
    r"\b(?:lazy|laziness|careless(?:ness)?|sloppiness|incompetent|incompetence)\b",
    r"\b(?:lui|luie|luiheid|laksheid|slordigheid|onverschilligheid)\b",
    (r"\byou(?:['’]?re|\s+are)\s+(?:just\s+|simply\s+|really\s+)?not\s+(?:very\s+|really\s+|"
     r"a\s+)?(?:motivated|committed|interested|engaged|reliable|careful|professional|flexible|"
     r"team\s+player|good\s+enough)\b"),
    r"\bnot\s+(?:really\s+)?a\s+team\s+player\b",
    (r"\byou\s+lack\s+(?:\w+\s+)?(?:motivation|discipline|focus|commitment|drive|interest|"
     r"professionalism|responsibility|talent|skills?|care)\b"),
    r"\byour\s+(?:\w+\s+)?(?:attitude|mentality|personality|character)\b",
    r"\byou\s+(?:always|constantly|keep|still)\s+" + _EN_HABITS + r"\w*",
    r"\byou\s+never\s+" + _EN_NEVER + r"\w*",
    (r"\byou(?:['’]?re|\s+are)\s+(?:always|constantly|forever)\s+(?:complaining|moaning|"
     r"arguing|interrupting|forgetting|late)\b"),
    (r"\b(?:je|jij)\s+bent\s+(?:\w+\s+)?niet\s+(?:erg\s+|echt\s+|zo\s+)?(?:gemotiveerd|betrokken|"
     r"betrouwbaar|zorgvuldig|professioneel|flexibel|geïnteresseerd|goed\s+genoeg)\b"),
    r"\bgeen\s+(?:echte\s+)?teamspeler\b",
    (r"\b(?:het\s+ontbreekt\s+(?:je|jou)\s+aan|je\s+mist)\s+(?:\w+\s+)?(?:motivatie|discipline|"
     r"focus|inzet|betrokkenheid|verantwoordelijkheidsgevoel|interesse|talent)\b"),
    r"\b(?:je|jouw)\s+(?:\w+\s+)?(?:(?:werk)?houding|mentaliteit|karakter|persoonlijkheid)\b",
    r"\b(?:je|jij)\s+" + _NL_HABITS + r"\s+(?:\w+\s+)?(?:altijd|steeds|telkens|constant)\b",
    r"\b(?:je|jij)\s+(?:komt|bent)\s+(?:\w+\s+)?(?:altijd|steeds|telkens|weer)\s+te\s+laat\b",
    r"\b(?:je|jij)\s+(?:luistert|reageert|doet|antwoordt|helpt|vraagt)\s+(?:\w+\s+)?nooit\b",
    r"\b(?:je|jij)\s+blijft\s+(?:maar\s+\w+en|" + _NL_HABITS + r"|klagen|zeuren|mopperen)\b",
)]

# -- what not to do (checked in the expectation only: a reason may well name what to prevent) -

_EN_LEAD = r"(?:^|[.!?;:,]\s*|\b(?:please|and|but|so|just|then|also|simply)\s+)"
_NL_LEAD = r"(?:^|[.!?;:,]\s*)"
# Words that open a clause but are no command: "als het niet lukt" asks nothing of anyone.
_NL_NOT_A_VERB = (r"(?:als|of|dat|omdat|wanneer|zodat|want|tenzij|hoewel|indien|ook|dus|maar|en|"
                  r"dan|is|was|het|dit|er|ik|we|wij|ze|zij|hij|jullie|mits|zolang|waar|wat|wie|"
                  r"hoe|misschien|liefst|echt|nog|zeker)")

NOT_TO_DO = [re.compile(pattern, re.IGNORECASE | re.MULTILINE) for pattern in (
    (_EN_LEAD + r"(?:don['’]?t|do\s+not|never|quit|avoid|stop(?!\s+(?:by|in|at|over)\b))\b"
     r"(?:\s+\w+)?"),
    r"\b(?:you|we)\s+(?:should|must|may)\s*(?:not|n['’]t|never)\b(?:\s+\w+)?",
    r"\b(?:you|we)\s+(?:shouldn['’]t|mustn['’]t)\b(?:\s+\w+)?",
    r"\bI\s+(?:don['’]?t|do\s+not)\s+want\s+(?:you\s+to|to\s+see|any\s+more|anymore)\b",
    r"\b(?:no\s+more(?!\s+than)|no\s+longer|never\s+again)\b",
    r"\bstop\s+(?:\w+\s+)?\w+ing\b",
    (_NL_LEAD + r"(?:(?!" + _NL_NOT_A_VERB + r"\b)\w+\s+(?:(?:het|dat|dit|je|jij|u|dan|dus|nu)\s+)?)?"
     r"(?:niet|nooit)\b"
     r"(?!\s+(?:alleen|per\s+se|eens|zo\s+erg|erg)\b)"),
    r"\b(?:niet|nooit)\s+meer\b",
    r"\bniet\s+langer\b",
    r"\bgeen\s+(?:\w+\s+){0,3}meer\b(?!\s+dan)",
    r"\b(?:mag|moet|mogen|wil)\s+(?:je|jij|u|ik)?\s*(?:niet|nooit)\b",
    r"\bik\s+wil\s+(?:\w+\s+)?niet\s+(?:dat|meer)\b",
    r"\b(?:stop|stoppen|ophouden|houd\s+op|hou\s+op)\s+met\b",
)]

# -- vague: an effort or an attitude without anything concrete to see -----------------------

VAGUE = [re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\b(?:do|work|try|perform|communicate)\s+(?:\w+\s+)?(?:better|harder)\b",
    r"\bbetter\b",
    (r"\b(?:(?:a\s+bit\s+|some\s+|a\s+lot\s+|much\s+)?more|extra)\s+(?:effort|commitment|"
     r"initiative|ownership|engagement|enthusiasm|dedication|motivation|responsibility)\b"),
    (r"\b(?:a|more)\s+(?:professional|positive|proactive|constructive|better|different)\s+"
     r"(?:attitude|approach|mindset)\b"),
    r"\bmore\s+(?:professional(?:ly)?|proactive(?:ly)?|engaged|motivated|committed|serious(?:ly)?)\b",
    (r"\b(?:step\s+up|up\s+your\s+game|pull\s+your\s+socks\s+up|get\s+your\s+act\s+together|"
     r"try\s+harder|work\s+harder|do\s+your\s+best|pick\s+up\s+the\s+pace)\b"),
    r"\bbeter\b",
    r"\b(?:je\s+best\s+doen|harder\s+werken|een\s+tandje\s+bij(?:zetten)?)\b",
    (r"\b(?:(?:wat|iets|veel|een\s+beetje)\s+)?meer\s+(?:inzet|moeite|betrokkenheid|initiatief|"
     r"enthousiasme|motivatie|verantwoordelijkheid|eigenaarschap)\b"),
    (r"\b(?:een\s+)?(?:professionele|positieve|proactieve|constructieve|andere|betere)\s+"
     r"(?:(?:werk)?houding|instelling|aanpak|mentaliteit)\b"),
    r"\b(?:professioneler|proactiever|betrokkener|gemotiveerder|serieuzer)\b",
)]

# What makes an expectation concrete enough that a comparative word is no alarm: a number, a
# day or a month, a moment or a rhythm ("from March", "every intake", "by Friday").
_WHEN = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
         r"april|may|june|july|august|september|october|november|december|today|tomorrow|now|"
         r"next|the\s+end|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|"
         r"februari|maart|mei|juni|juli|augustus|oktober|vandaag|morgen|nu|volgende|komende|"
         r"het\s+eind|eind)")
CONCRETE = re.compile(
    r"\d|\b(?:from|by|until|before|vanaf|uiterlijk|voor|tot|vóór|per|in|op)\s+"
    r"(?:(?:the|this|de|het|deze)\s+)?" + _WHEN + r"\b"
    r"|\b(?:every|each|daily|weekly|monthly|within|elke|elk|iedere|ieder|dagelijks|wekelijks|"
    r"maandelijks|binnen)\b"
    r"|\bper\s+(?:day|week|month|dag|maand)\b",
    re.IGNORECASE)


def _phrases(text, patterns):
    if not isinstance(text, str) or not text.strip():
        return []
    spans = sorted(match.span() for pattern in patterns for match in pattern.finditer(text)
                   if match.group().strip(" .,;:!?"))
    merged = []
    for start, end in spans:
        if merged and not text[merged[-1][1]:start].strip():  # overlapping or side by side
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [" ".join(text[start:end].strip(" .,;:!?\n").split()) for start, end in merged]


def about_the_person(text):
    """The phrases in `text` that judge the person or a trait ("you are careless", "je bent
    slordig"), in order, overlapping ones merged; an empty list when there are none."""
    return _phrases(text, PERSON)


def what_not_to_do(text):
    """The phrases in `text` that say what not to do ("don't", "stop ...ing", "niet meer")."""
    return _phrases(text, NOT_TO_DO)


def vague_words(text):
    """The vague phrases in `text` ("better", "more effort", "wat meer inzet"), but only when
    nothing concrete (a number, a day, a rhythm) says what they would look like."""
    if not isinstance(text, str) or CONCRETE.search(text):
        return []
    return _phrases(text, VAGUE)


def clean_expectation(data, *, today, partial=False):
    """Check the manager's fields (`expectation`, `reason`, `room`, `held_on`); with `partial`
    only the ones sent. Returns (clean values, {field: message})."""
    clean, errors = {}, {}
    for field in FIELDS:
        if field not in data:
            if not partial:
                clean[field] = ""
            continue
        value, error = _text(data[field], LIMIT)
        if error:
            errors[field] = error
        else:
            clean[field] = value
    if clean.get("expectation") == "" and "expectation" not in errors:
        errors["expectation"] = _l("Say what you expect: the result or behaviour you need.")
    if "held_on" in data or not partial:
        day, error = check_held_on(data.get("held_on"), today=today)
        if error:
            errors["held_on"] = error
        else:
            clean["held_on"] = day
    return clean, errors


def check_held_on(value, *, today):
    """(day or None, None) or (None, message): the day of the conversation is optional, and
    lies within a year of today (before or after: it may be recorded afterwards)."""
    if value is None or value == "":
        return None, None
    day = parse_day(value)
    if day is None:
        return None, _l("Choose a date, like 2026-11-27.")
    if abs((day - today).days) > HELD_ON_RANGE:
        return None, _l("Choose a day within a year from today.")
    return day, None


def clean_answer(data):
    """Check the employee's answer: `plan` (how they will go about it, required) and `view`
    (their view and objections, optional). Returns (clean values, {field: message})."""
    clean, errors = {}, {}
    for field in ANSWER_FIELDS:
        value, error = _text(data.get(field), ANSWER_LIMIT)
        if error:
            errors[field] = error
        else:
            clean[field] = value
    if clean.get("plan") == "" and "plan" not in errors:
        errors["plan"] = _l("Write how you will go about it, in your own words.")
    return clean, errors


def _text(value, limit):
    if value is None:
        return "", None
    if not isinstance(value, str):
        return None, _l("This must be text.")
    value = value.strip()
    if len(value) > limit:
        return None, _l("Please keep it under %(limit)s characters.", limit=limit)
    return value, None


def wording_hints(expectation, reason="", room=""):
    """Gentle hints about an expectation's wording, each naming the words it noticed and a
    better way: about the person (in any field), what not to do and vagueness (in the
    expectation). Never a reason to refuse it."""
    hints = []
    for field, text in (("expectation", expectation), ("reason", reason), ("room", room)):
        phrases = about_the_person(text)
        if phrases:
            hints.append(_hint("person", field, phrases, _(
                "A tip: “%(phrases)s” is about the person rather than the work. Name the result "
                "or the behaviour you need, such as “every intake logged on the day itself”: "
                "that is easier to hear and to act on.", phrases="”, “".join(phrases))))
    phrases = what_not_to_do(expectation)
    if phrases:
        hints.append(_hint("not_to_do", "expectation", phrases, _(
            "A tip: “%(phrases)s” says what not to do. Say what you do want, and why: “Please "
            "log every intake in the new system, so the team can see who is waiting for a call "
            "back.”", phrases="”, “".join(phrases))))
    phrases = vague_words(expectation)
    if phrases:
        hints.append(_hint("vague", "expectation", phrases, _(
            "A tip: “%(phrases)s” can mean something different to each of you. Say what you "
            "would both see once it is there: what, by when, how often. How to get there is "
            "theirs to choose.", phrases="”, “".join(phrases))))
    return hints


def _hint(code, field, phrases, message):
    return {"code": code, "field": field, "phrases": phrases, "message": message}
