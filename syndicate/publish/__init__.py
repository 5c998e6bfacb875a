"""What readers subscribe to: ``feeds`` (RSS 2.0, Atom, JSON Feed, OPML and the subscribe
page) and ``serve`` (HTTP with ETag/304, bounded).
"""
