"""(being written)"""
from flask import Blueprint

bp = Blueprint("connections_api", __name__, url_prefix="/api/v1")
