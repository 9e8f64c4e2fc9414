"""(being written)"""
from flask import Blueprint

bp = Blueprint("summaries_api", __name__, url_prefix="/api/v1/summaries")
