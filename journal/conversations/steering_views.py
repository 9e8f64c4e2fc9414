"""Steering conversations: a manager's expectation, and the employee's own way of meeting it."""
from flask import Blueprint

bp = Blueprint("steering", __name__)
