"""The policy diff: what a change to the playbooks means in business terms.

Two playbook sets (BASE and HEAD: git revisions via ``git``, or folders; ``sources`` loads
them) are compared playbook by playbook (``compare``, which also recognises renames and covers
effective dates, released history and suppression comments). Each kind of playbook is declared
field by field in ``specs`` with the comparisons of ``fields``; one ``comparer`` walks those
declarations and records ``PolicyChange`` records (``changes``) of the types the ``catalogue``
lists, explaining directions (``explain``) and promises in wording (``wording``); ``summaries``
describe new and deleted playbooks. ``versions`` checks that each version number says as much
(``version_rules`` declares PB7xx), ``review`` runs the whole thing (refusing self-granted
suppressions), and ``formats`` render it as Markdown, JSON or text.
"""
