"""Complaint-handling playbooks as code: loading, rules, reports, diff and handbook pages."""

__version__ = "0.1.0"
