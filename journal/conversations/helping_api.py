"""JSON API: /api/v1/helping, helping conversations."""
from flask import Blueprint

bp = Blueprint("helping_api", __name__, url_prefix="/api/v1/helping")
