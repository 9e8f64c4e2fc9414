"""(being written)"""
from flask import Blueprint

bp = Blueprint("checklists_api", __name__, url_prefix="/api/v1/checklists")
