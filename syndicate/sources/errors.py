"""The one error a reader raises for a file that cannot be an article (both the text and
Markdown readers and the HTML one raise it, and neither imports the other for it)."""


class ArticleError(Exception):
    """A file that cannot be read as an article; the message is one line for a human."""
