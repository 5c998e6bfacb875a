"""Sources: what a user gives us, read into articles.

The inbox (``inbox``: which files a folder holds, slugs), the readers (``articles``: plain
text and Markdown; ``webpage``: HTML pages; ``frontmatter``: the one bounded YAML reader),
partner feeds (``partners``: their settings; ``syncing``: fetching a feed and writing its
entries as article files; ``entries``: a feed's entries as Markdown; ``fetch``: bounded
HTTP), and ``detect``: the article's language.
"""
