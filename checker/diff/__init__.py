"""The policy diff: what a change to the playbooks means in business terms.

Two playbook sets (BASE and HEAD: git revisions or folders, see ``sources``) are compared
object by object (``compare``) into ``PolicyChange`` records, classified as loosened,
tightened, added, removed or wording (``changes``); ``formats`` render them as Markdown, JSON
or text, and ``versions`` checks that each playbook's version number says as much
(``version_rules`` declares PB7xx). ``review`` runs the whole thing.
"""
