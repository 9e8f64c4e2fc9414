"""The operator's promise as configured: which words for which language, and its paragraphs."""
from journal.privacy.rules import operator_text, paragraphs


def test_each_language_may_have_its_own_words_and_falls_back_to_the_common_ones():
    config = {"PRIVACY_OPERATOR_TEXT": " We are Acme IT. ",
              "PRIVACY_OPERATOR_TEXT_NL": "Wij zijn Acme IT."}
    assert operator_text(config, "nl") == "Wij zijn Acme IT."
    assert operator_text(config, "en") == "We are Acme IT."
    assert operator_text({}, "en") == ""
    assert operator_text({"PRIVACY_OPERATOR_TEXT": None}, "nl") == ""


def test_paragraphs_part_at_empty_lines_and_keep_their_own_lines():
    assert paragraphs("Acme IT\nStation Road 1\n\n  \nOnly two admins.") == [
        "Acme IT\nStation Road 1", "Only two admins."]
    assert paragraphs("First.\\n\\nSecond.\\nStill second.") == [
        "First.", "Second.\nStill second."], "as an environment file writes it"
    assert paragraphs("One.\r\n\r\nTwo.") == ["One.", "Two."]
    assert paragraphs("") == [] and paragraphs(None) == [] and paragraphs("\n\n") == []
