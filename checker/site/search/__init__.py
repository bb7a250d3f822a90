"""The handbook's search: what the browser needs to understand staff queries, which pages are
for staff, and the Pagefind index built over the finished site.

- ``lexicon``: the phrases the query analysis knows (category keywords, the policy's 口语→术语
  list), stopwords and the pinyin table, as one JSON file for the browser;
- ``scope``: staff pages versus reference pages (rules, change log, authoring and review
  guides), and the keywords meta of category pages;
- ``indexer``: runs Pagefind (extended: Chinese segmentation) over the built site, once per
  scope, with no network;
- ``pinyin_table``: sound-alike characters for input-method typos.

The query side is ``docs/assets/javascripts/handbook-search.js``; the header box is Material's
own markup from ``checker/site/theme/``.
"""
