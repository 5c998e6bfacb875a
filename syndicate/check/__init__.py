"""The checks a translation passes before it publishes, and what they produce:
``fidelity`` (quotations, names, numbers, paragraphs, byline, engine marks, links),
``leftovers`` (words left in another language) and ``results`` (the checked translation
of an article, as the desk and feeds take it).
"""
