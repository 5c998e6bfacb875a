"""The article as text an engine can take: ``markup`` (inline Markdown and HTML spans as
sentinels, and back), ``segments`` (paragraphs cut into quotations and the text around
them; target quotation marks), ``sentences`` (sentence boundaries in any script) and
``spans`` (where a link or emphasis lands in the translation).
"""
