"""The pure rules of company sign-in: the person's claims from the ID token and userinfo."""
import pytest

from journal.accounts.company_rules import display_name, needs_userinfo, person_claims


def test_userinfo_fills_what_the_id_token_lacks():
    person = person_claims({"sub": "42", "iss": "x"},
                           {"sub": "42", "email": " Ana@Corp.TEST ", "email_verified": True,
                            "name": "Ana"})
    assert person == {"sub": "42", "email": "ana@corp.test", "email_verified": True,
                      "name": "Ana"}


def test_userinfo_about_someone_else_is_refused():
    with pytest.raises(ValueError):
        person_claims({"sub": "42"}, {"sub": "43", "email": "eve@corp.test"})


def test_the_id_token_wins_over_userinfo():
    person = person_claims({"sub": "1", "email": "a@corp.test"},
                           {"sub": "1", "email": "b@corp.test"})
    assert person["email"] == "a@corp.test"


@pytest.mark.parametrize("claims, name", [
    ({"name": "  Ana Jansen "}, "Ana Jansen"),
    ({"given_name": "Ana", "family_name": "Jansen"}, "Ana Jansen"),
    ({"preferred_username": "ajansen"}, "ajansen"),
    ({"email": "ana.j@corp.test"}, "ana.j"),
    ({"name": "x" * 200}, "x" * 80),
])
def test_what_to_call_the_person(claims, name):
    assert display_name(claims) == name


def test_an_unverified_or_string_flag():
    assert person_claims({"sub": "1", "email": "a@b.c", "email_verified": "true"})[
        "email_verified"]
    assert not person_claims({"sub": "1", "email": "a@b.c"})["email_verified"]
    assert needs_userinfo({"sub": "1"}) and not needs_userinfo({"sub": "1", "email": "a@b.c"})
