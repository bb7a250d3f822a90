"""Making untrusted text safe where it is shown: Markdown/HTML pages and comments, terminals.

Every playbook string that reaches a page, a PR comment, a job summary or a terminal passes
through one function of this package chosen for its context.
"""
