"""(being written)"""
from flask import Blueprint

bp = Blueprint("shared_api", __name__, url_prefix="/api/v1/shared")
