"""Helping conversations: asking someone connected for one, and going through the seven steps
together."""
from flask import Blueprint

bp = Blueprint("helping", __name__)
