"""(being written)"""
from flask import Blueprint

bp = Blueprint("checklist", __name__)
