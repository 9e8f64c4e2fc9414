"""Spot praise aimed at a person's traits ("you are so talented", "wat ben je slim") rather than
at their approach or effort, and consoling remarks that lower expectations ("not everyone can be
good at this"). Pure and rule-based, English and Dutch. It only informs a gentle hint: praise
for the person and consolation about a fixed ability nudge toward a fixed mindset, praise for
the approach and "not yet" toward growth. Nothing is ever blocked on it, so the patterns lean
toward missing a case over a false alarm. The page's live coaching runs these same patterns in
the browser (static/js/reply-coach.js): keep them to syntax JavaScript reads alike."""
import re

# "Natural" as a noun: the end of a clause or "at/with/in..." follows (never "a natural step").
_NOUN_END = r"(?=\s*[.!?,;:)\"'’”]|\s*$|\s+(?:at|with|in|when|for)\b)"

# English: "you're / you are / you were / you've always been" + intensifiers + a trait word.
_EN_YOU_ARE = r"\byou(?:['’]?re|\s+are|\s+were|\s+have\s+always\s+been|['’]ve\s+always\s+been)\s+"
_EN_MODIFIERS = (r"(?:(?:so|such|really|truly|very|just|incredibly|extremely|naturally|simply|"
                 r"clearly|obviously|genuinely|absolutely|quite|super|seriously|totally|one|a|an|"
                 r"the|most|real|true|pure)\s+)*")
_EN_TRAITS = (r"(?:talented|gifted|smart(?:est)?|clever(?:est)?|brilliant|intelligent|"
              r"bright(?:est)?|creative|genius(?:es)?|(?:super|rock\s?)?stars?|prodigy|wizard|whiz|"
              r"smart\s+cookie|(?:good|great)(?=\s+at\b)|natural" + _NOUN_END + r")\b")

# Dutch: "je bent / jij bent / u bent / wat ben je / ik vind je" + intensifiers + a trait word.
_NL_LEAD = (r"\b(?:(?:je|jij|u)\s+bent|wat\s+ben\s+(?:je|jij)|(?:ik\s+)?vind\s+(?:ik\s+)?"
            r"(?:je|jou))\s+")
_NL_MODIFIERS = (r"(?:(?:zo|zó|zoo+|echt|écht|toch|heel|erg|super|gewoon|wel|ook|een|"
                 r"ontzettend|enorm|zeer|best|natuurlijk|ongelooflijk|bijzonder|werkelijk|"
                 r"duidelijk|gewoonweg|nou|eigenlijk|altijd|de|het|zo['’]n)\s+)*")
# "Goed" counts only at the end of a clause or before "in" ("je bent zo goed in plannen"):
# "je bent goed bezig" and "je bent goed voorbereid" praise the work.
_NL_TRAITS = (r"(?:slim(?:ste)?|getalenteerd(?:e|ste)?|talentvol(?:le)?|begaafd(?:e)?|"
              r"briljant(?:e)?|intelligent(?:e)?|creatief|creatieve|knap|geniaal|genie|kei|ster|topper|"
              r"natuurtalent|talent|wonderkind|goed(?=\s*[.!?,;:)]|\s*$|\s+in\b))\b"
              r"(?!\s+bezig)")

# "A natural" only as a noun: "what a natural", never "a natural next step".
_NATURAL = r"\ba\s+(?:real\s+|true\s+|total\s+)?natural" + _NOUN_END

PATTERNS = [re.compile(pattern, re.IGNORECASE) for pattern in (
    _EN_YOU_ARE + _EN_MODIFIERS + _EN_TRAITS,
    r"\bhow\s+(?:smart|clever|talented|gifted|brilliant|bright|intelligent)\s+you\s+are\b",
    (r"\b(?:what|such)\s+an?\s+(?:smart|clever|brilliant|bright|talented|gifted|intelligent)\s+"
     r"(?:person|mind|colleague|guy|girl|woman|man|kid|cookie|head)\b"),
    r"\btalented\b",
    (r"\b(?:what\s+a|such\s+a|a\s+real|a\s+natural|real|natural|raw|pure|your|have|has|got|"
     r"so\s+much)\s+talent\b"),
    r"\btalent\s+(?:for|like\s+yours)\b",
    _NATURAL,
    r"\bgenius(?:es)?\b(?!\s+(?:idea|move|plan|solution|trick|way|approach|step|question)s?\b)",
    r"\b(?:naturally\s+)?gifted\b(?!\s+(?:me|us|him|her|them|the|a|an|this|that|it)\b)",
    r"\bborn\s+(?:to|for)\s+\w+",
    r"\ba\s+born\s+\w+",
    r"\bnatural[-\s]born\b",
    _NL_LEAD + _NL_MODIFIERS + _NL_TRAITS,
    r"\bwat\s+(?:een|ben\s+je\s+een)\s+(?:natuur)?talent\b",
    r"\b(?:zo['’]n|echt|een\s+echt|puur|jouw|je|hebt|heeft|veel)\s+(?:natuur)?talent\b",
    r"\bnatuurtalent\b",
    r"\btalent\s+voor\b",
    r"\btalentvol\w*",
    r"\bgetalenteerd\w*",
    r"\b(?:hoog)?begaafd\w*",
    r"\b(?:wat\s+een|zo['’]n|een\s+echt|echt\s+een)\s+genie\b",
    r"\been\s+geboren\s+\w+",
    r"\bgeboren\s+(?:om\s+(?:te\s+)?\w+|voor\s+\w+)",
    r"\b(?:er|hier|daar)voor\s+geboren\b",
)]


# Consolation after a setback that says the ability is fixed (METHOD.md, the checklist's part 3).
_EN_NOT_EVERYONE = r"\bnot\s+(?:every(?:one|body)|all\s+of\s+us)\s+"
_NL_NOT_EVERYONE = r"\bniet\s+iedereen\s+"
_NL_FILLERS = r"(?:(?:er|hier|daar|hierin|daarin|overal|nu\s+eenmaal|gewoon|zo|even)\s+)*"

CONSOLING = [re.compile(pattern, re.IGNORECASE) for pattern in (
    (_EN_NOT_EVERYONE + r"(?:can\s+be|is)\s+(?:(?:that|so|very|really)\s+)?"
     r"(?:good|great|strong|gifted|talented)\s+(?:at|in|with)\s+(?:this|that|it|everything)\b"),
    _EN_NOT_EVERYONE + r"(?:is\s+)?(?:cut\s+out|made)\s+for\s+(?:this|that|it)\b",
    _EN_NOT_EVERYONE + r"can\s+do\s+everything\b",
    (r"\b(?:it|this|that)(?:['’]s|\s+is)\s+(?:just\s+|simply\s+)?not\s+your\s+"
     r"(?:thing|strength|strong\s+(?:point|suit))\b(?!\s+yet\b)"),
    (_NL_NOT_EVERYONE + r"(?:kan|is)\s+" + _NL_FILLERS
     + r"(?:goed|sterk|handig|getalenteerd)\b(?:\s+(?:in|mee)(?:\s+(?:zijn|worden))?\b)?"),
    _NL_NOT_EVERYONE + r"kan\s+alles\b",
    _NL_NOT_EVERYONE + r"is\s+(?:er|hier|daar)\s*voor\s+(?:in\s+de\s+wieg\s+)?gelegd\b",
    r"\b(?:het|dit|dat)\s+ligt\s+(?:je|jou)\s+(?:(?:gewoon|nu\s+eenmaal|misschien|ook)\s+)*niet\b",
)]


def _phrases(text, patterns):
    if not isinstance(text, str) or not text.strip():
        return []
    spans = sorted(match.span() for pattern in patterns for match in pattern.finditer(text)
                   if match.group().strip())
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [" ".join(text[start:end].split()) for start, end in merged]


def trait_praise(text):
    """The phrases in `text` that praise a person's traits, in the order they occur (overlapping
    matches merged into one phrase); an empty list when there are none."""
    return _phrases(text, PATTERNS)


def consoling_remarks(text):
    """The phrases in `text` that console by lowering expectations ("not everyone can be good at
    this"), merged and in order like trait_praise; an empty list when there are none."""
    return _phrases(text, CONSOLING)
