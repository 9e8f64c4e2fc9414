"""Trait praise, spotted by rules in English and Dutch (a hint only; nothing is blocked)."""
import pytest

from journal.shared.praise import consoling_remarks, trait_praise


@pytest.mark.parametrize("text, phrase", [
    ("You are so talented!", "You are so talented"),
    ("You're a natural.", "You're a natural"),
    ("you’re such a genius", "you’re such a genius"),
    ("Honestly, YOU ARE SO SMART.", "YOU ARE SO SMART"),
    ("Youre so clever", "Youre so clever"),
    ("What a talent you have", "What a talent"),
    ("You were born to do this", "born to do"),
    ("You are a born leader", "a born leader"),
    ("You're naturally gifted at presenting", "You're naturally gifted"),
    ("You have a real talent for planning", "a real talent for"),
    ("You're really good at this", "You're really good"),
    ("You are the smartest person on the team", "You are the smartest"),
    ("I love how smart you are", "how smart you are"),
    ("You are just a natural with clients", "You are just a natural"),
    ("Such a gifted speaker", "gifted"),
    ("Je bent zo slim!", "Je bent zo slim"),
    ("Wat een talent!", "Wat een talent"),
    ("Jij bent echt getalenteerd", "Jij bent echt getalenteerd"),
    ("Je bent toch zo goed.", "Je bent toch zo goed"),
    ("Wat ben je slim", "Wat ben je slim"),
    ("wat ben je toch knap", "wat ben je toch knap"),
    ("Je bent een natuurtalent", "Je bent een natuurtalent"),
    ("Je bent een geboren leider", "een geboren leider"),
    ("Je bent zo begaafd", "Je bent zo begaafd"),
    ("Je bent echt een genie", "Je bent echt een genie"),
    ("Zo'n talent zie ik zelden", "Zo'n talent"),
    ("Je bent gewoon goed in plannen", "Je bent gewoon goed"),
    ("JE BENT ZO SLIM", "JE BENT ZO SLIM"),
    ("Ik vind je zo slim", "Ik vind je zo slim"),
    ("Je bent hiervoor geboren", "hiervoor geboren"),
    ("Je bent zo creatief!", "Je bent zo creatief"),
    ("Wat ben je creatief", "Wat ben je creatief"),
    ("You're so creative", "You're so creative"),
    ("You are really creative with the rota", "You are really creative"),
])
def test_trait_praise_is_found(text, phrase):
    assert phrase in trait_praise(text)


@pytest.mark.parametrize("text", [
    "You are so welcome",
    "Your approach was smart",
    "I like how you prepared the intake",
    "You worked really hard on this",
    "You're so right about the planning",
    "That was a smart way to split the work",
    "You are good to go",
    "It felt like a natural next step",
    "You're right, the talent review is next month",
    "You are making real progress",
    "You're getting better at this every week",
    "Smart move to ask Sam first",
    "That was a genius idea, asking Sam first",
    "Thank you, you are so kind to share this",
    "You are not there yet, and that is fine",
    "Je bent goed bezig!",
    "Graag gedaan",
    "Wat een slimme aanpak",
    "Je aanpak was slim",
    "Je hebt hard gewerkt aan de intake",
    "Ik vind het knap hoe je dat hebt voorbereid",
    "Je bent van harte welkom",
    "Het talentprogramma begint in maart",
    "Je bent er nog niet, maar je komt steeds dichterbij",
    "Je bent goed voorbereid",
    "Wat ben je ver gekomen",
    "Je bent op de goede weg",
    "Je bent slim bezig met die planning",
    "Mooi hoe je het gesprek met Sam hebt aangepakt",
    "Ik ben geboren in Utrecht",
    "Wat een creatieve aanpak",
    "That was a creative way to plan the week",
    "Niet iedereen kan hier goed in zijn",
])
def test_praise_for_the_approach_or_effort_is_not_flagged(text):
    assert trait_praise(text) == []


def test_several_phrases_in_order_and_overlaps_merged():
    text = "Wat een talent! And you're so talented, really. Je bent zo slim."
    assert trait_praise(text) == ["Wat een talent", "you're so talented", "Je bent zo slim"]


def test_nothing_for_empty_or_non_text():
    assert trait_praise("") == [] and trait_praise("   ") == [] and trait_praise(None) == []


def test_spacing_is_tidied_in_the_phrase():
    assert trait_praise("You are\n  so   talented") == ["You are so talented"]


@pytest.mark.parametrize("text, phrase", [
    ("Niet iedereen kan hier goed in zijn.", "Niet iedereen kan hier goed in zijn"),
    ("Geeft niks, niet iedereen is er goed in", "niet iedereen is er goed in"),
    ("Niet iedereen kan nu eenmaal goed plannen", "Niet iedereen kan nu eenmaal goed"),
    ("Niet iedereen kan alles", "Niet iedereen kan alles"),
    ("Niet iedereen is ervoor in de wieg gelegd", "Niet iedereen is ervoor in de wieg gelegd"),
    ("Het ligt je gewoon niet", "Het ligt je gewoon niet"),
    ("Not everyone can be good at this.", "Not everyone can be good at this"),
    ("Don't worry, not everybody is good at it", "not everybody is good at it"),
    ("Not everyone is cut out for this", "Not everyone is cut out for this"),
    ("It's just not your thing", "It's just not your thing"),
])
def test_consoling_remarks_that_lower_expectations_are_found(text, phrase):
    assert phrase in consoling_remarks(text)
    assert trait_praise(text) == [], "a different hint: not praise"


@pytest.mark.parametrize("text", [
    "Het lukt nog niet, en dat hoort erbij",
    "Het ligt je nog niet, maar je oefent",
    "Niet iedereen was er vandaag bij",
    "Not everyone was at the meeting",
    "It's not your strength yet, and you are working on it",
    "Not yet: what could help you with the next step?",
    "You are so talented",
    "Dat ligt niet aan jou",
])
def test_not_yet_and_ordinary_sentences_are_not_consoling(text):
    assert consoling_remarks(text) == []
