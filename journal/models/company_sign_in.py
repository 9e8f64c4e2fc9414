"""Company sign-in: which account a person of the company's identity provider (OpenID Connect)
opens. Found by the provider's issuer and its `sub` for the person, never by address alone."""
from peewee import CharField, DateTimeField, ForeignKeyField

from journal.db import BaseModel
from journal.models.user import User


class CompanySignIn(BaseModel):
    """One link between an account here and a person at an identity provider. `email` is the
    address the provider gave when the link was made (shown in settings)."""

    user = ForeignKeyField(User, backref="company_sign_ins", on_delete="CASCADE")
    issuer = CharField(max_length=255)
    subject = CharField(max_length=255)
    email = CharField(max_length=254, default="")
    created_at = DateTimeField()
    last_used_at = DateTimeField()

    class Meta:
        indexes = ((("issuer", "subject"), True),)
