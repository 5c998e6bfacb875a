"""What a translation must keep, each kind in its module: names (``names``: finding them
and the policy of which the engine would break; ``exonyms``: CLDR's renderings;
``possessives``; ``agreement``: a title before a woman's name), ``numbers``, ``dates``,
``bylines``, and ``protect``: the glossary and the placeholders that carry protected text
through an engine and back.
"""
