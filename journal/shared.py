"""(being written)"""
from flask import Blueprint

bp = Blueprint("shared", __name__)
