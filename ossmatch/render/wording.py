"""Counted nouns in plain English ("1 person", "2 people", "no comments"), said one way everywhere.

Every message that puts a number before a noun goes through ``plural`` so that none says
"1 people" or "read 1 repositories".
"""

from __future__ import annotations

#: Nouns whose plural is not the singular plus "s" (or "es" after s, x, ch, sh; "ies" after a consonant + y).
IRREGULAR: dict[str, str] = {
    "person": "people",
    "child": "children",
}


def plural_of(noun: str) -> str:
    """The plural of an English noun; a multi-word noun pluralises its last word ("pull request")."""
    head, space, last = noun.rpartition(" ")
    lower = last.lower()
    if lower in IRREGULAR:
        word = IRREGULAR[lower]
        word = word.capitalize() if last[:1].isupper() else word
    elif lower.endswith(("s", "x", "ch", "sh")):
        word = last + "es"
    elif lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return head + space + word


def noun(count: int, singular: str, plural: str | None = None) -> str:
    """``singular`` for exactly one, else its plural (``plural`` when the rule above gets it wrong)."""
    if count == 1:
        return singular
    return plural if plural is not None else plural_of(singular)


def plural(count: int, singular: str, plural: str | None = None, *, zero: str | None = None) -> str:
    """``count`` and the noun that agrees with it: "1 comment", "3 comments", "0 people".

    ``zero`` replaces the whole phrase for nothing at all ("no comments" reads better than "0 comments").
    """
    if count == 0 and zero is not None:
        return zero
    return f"{count} {noun(count, singular, plural)}"


#: How much of a user's own input an error message repeats: enough to recognise it, not a screenful.
ECHO_LIMIT = 60


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with "..." when longer: for echoing input in errors."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def listed(items: list[str], conjunction: str = "and") -> str:
    """Items as a phrase: "a", "a and b", "a, b and c" (or "a, b or c" with ``conjunction="or"``)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
