"""JSON API: /api/v1/steering, steering conversations."""
from flask import Blueprint

bp = Blueprint("steering_api", __name__, url_prefix="/api/v1/steering")
