"""The first, cheap filter of ad-hoc Cypher: refuse by the text what is plainly not a read.

It refuses ``LOAD CSV``, procedures outside a small allow-list, user-defined functions,
``CALL {} IN TRANSACTIONS``, ``USE``, administration commands, several statements and every
``\\u`` escape. The text is NFKC-normalised first and that normalised text is what runs;
comments and string literals are stripped before keywords are looked for. Outside string
literals only ASCII is accepted.

A text filter cannot be the last word: Neo4j replaces each ``\\uXXXX`` escape in the whole
query before it lexes it — in comments, strings and backticked names too — so a filter that
tokenises the raw text can be shown one query while Neo4j runs another. Hence the escapes are
refused outright, and ``graph.cypher_plan`` then checks what Neo4j itself planned.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.errors import QueryRefused

MAX_QUERY_LENGTH = 20_000
# Neo4j reads \uXXXX anywhere in a query as the character it names, before anything else.
_UNICODE_ESCAPE = re.compile(r"\\[uU]")

# Clauses and commands that write, administer or leave the read-only world; matched as whole
# unquoted words, case-insensitively. A property named like one must be written in backticks.
FORBIDDEN_WORDS = frozenset(
    {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "NODETACH", "REMOVE", "FOREACH", "INSERT",
        "DROP", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "LOAD", "PERIODIC", "TRANSACTIONS",
        "USE", "SHOW", "TERMINATE", "START", "STOP", "ENABLE", "CYPHER",
    }
)  # fmt: skip
# Read-only procedures, spelled as Neo4j names them (it matches them case-sensitively).
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
    }
)
_ALLOWED_PROCEDURES_LOWER = frozenset(name.lower() for name in ALLOWED_PROCEDURES)
# Built-in functions that have a namespace; every other namespaced call is user-defined code.
ALLOWED_FUNCTIONS = frozenset(
    {
        "date.truncate", "datetime.truncate", "localdatetime.truncate", "time.truncate",
        "localtime.truncate", "date.statement", "date.transaction", "date.realtime",
        "datetime.statement", "datetime.transaction", "datetime.realtime", "datetime.fromepoch",
        "datetime.fromepochmillis", "duration.between", "duration.inmonths", "duration.indays",
        "duration.inseconds", "point.distance", "point.withinbbox",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Token:
    """A lexical token of a query and where it starts."""

    kind: str  # word (unquoted), name (`backticked`), string, param, number or punct
    text: str
    offset: int


def check_read_only(query: str) -> str:
    """Return the normalised query when it may run; raise QueryRefused naming why not."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryRefused(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
    text = unicodedata.normalize("NFKC", query).strip()
    _refuse_unicode_escapes(text)
    if text.endswith(";"):
        text = text[:-1].rstrip()
    tokens = tokenize(text)
    if not tokens:
        raise QueryRefused("The query is empty.", hint="Send a MATCH ... RETURN ... query.")
    for i, tok in enumerate(tokens):
        if tok.kind == "punct" and tok.text == ";":
            raise _refused("Only one statement can run at a time.", tok)
        if tok.kind == "word" and tok.text.upper() in FORBIDDEN_WORDS:
            raise _refused(f"{tok.text.upper()} is not allowed in a read-only query.", tok)
        if tok.kind == "word" and tok.text.upper() == "CALL":
            _check_call(tokens, i)
        elif _starts_function(tokens, i):
            _check_function(tokens, i)
    return text


def _refuse_unicode_escapes(text: str) -> None:
    """Refuse a backslash followed by u or U anywhere: Neo4j would read another character."""
    escape = _UNICODE_ESCAPE.search(text)
    if escape:
        raise QueryRefused(
            f"A \\u escape is not allowed (position {escape.start()}): Neo4j reads it as "
            "another character, in strings, names and comments alike.",
            hint="Write the character itself, or pass such text as a $parameter.",
        )


def tokenize(text: str) -> list[Token]:
    """Split Cypher into tokens the way Neo4j does, dropping whitespace and comments."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t\n\r":
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] not in "\n\r":
                _ascii(text, i)
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise QueryRefused("A /* comment is not closed.")
            for j in range(i, end):
                _ascii(text, j)
            i = end + 2
        elif c in "'\"":
            end = _string_end(text, i)
            tokens.append(Token("string", text[i : end + 1], i))
            i = end + 1
        elif c == "`":
            end, name = _quoted_name(text, i)
            tokens.append(Token("name", name, i))
            i = end + 1
        elif c == "$":
            j = i + 1
            while j < n and (text[j].isascii() and (text[j].isalnum() or text[j] == "_")):
                j += 1
            tokens.append(Token("param", text[i:j], i))
            i = j
        elif c.isascii() and (c.isalpha() or c == "_"):
            j = i + 1
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(Token("word", text[i:j], i))
            i = j
        elif c.isascii() and c.isdigit():
            # Digits only: whatever letters follow ("1CREATE", "1e3", "0x1F") become a word of
            # their own, so a keyword glued to a number is still seen.
            j = i + 1
            while j < n and text[j] in "0123456789_":
                j += 1
            tokens.append(Token("number", text[i:j], i))
            i = j
        else:
            _ascii(text, i)
            if c == "\\" or not c.isprintable():
                raise QueryRefused(f"The character {c!r} at position {i} is not allowed here.")
            tokens.append(Token("punct", c, i))
            i += 1
    return tokens


def _ascii(text: str, i: int) -> None:
    c = text[i]
    if not c.isascii() or (not c.isprintable() and c not in "\t"):
        raise QueryRefused(
            f"The character U+{ord(c):04X} at position {i} is not allowed outside a string.",
            hint="Write names and keywords in plain ASCII; quote other text as a string.",
        )


def _string_end(text: str, start: int) -> int:
    quote, i = text[start], start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i
        i += 1
    raise QueryRefused(f"The string starting at position {start} is not closed.")


def _quoted_name(text: str, start: int) -> tuple[int, str]:
    i, parts = start + 1, []
    while i < len(text):
        if text[i] == "`":
            if text.startswith("``", i):
                parts.append("`")
                i += 2
                continue
            return i, "".join(parts)
        parts.append(text[i])
        i += 1
    raise QueryRefused(f"The `quoted name` starting at position {start} is not closed.")


def _dotted_name(tokens: list[Token], i: int) -> tuple[str, int]:
    """Read ``a.b.c`` from tokens[i]; return the name and the index after it."""
    parts = [tokens[i].text]
    j = i + 1
    while (
        j + 1 < len(tokens)
        and tokens[j].text == "."
        and tokens[j].kind == "punct"
        and tokens[j + 1].kind in ("word", "name")
    ):
        parts.append(tokens[j + 1].text)
        j += 2
    return ".".join(parts), j


def _check_call(tokens: list[Token], i: int) -> None:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        raise _refused("CALL needs a procedure or a { subquery }.", tokens[i])
    if nxt.kind == "punct" and nxt.text in "{(":
        return  # a subquery; its clauses are checked like the rest
    if nxt.kind not in ("word", "name"):
        raise _refused("CALL needs a procedure or a { subquery }.", nxt)
    name, _ = _dotted_name(tokens, i + 1)
    if name.lower() not in _ALLOWED_PROCEDURES_LOWER:
        raise _refused(
            f"The procedure {name} is not allowed.",
            nxt,
            hint=f"Allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}.",
        )


def _starts_function(tokens: list[Token], i: int) -> bool:
    """True at the first part of a namespaced name that is called: ``a.b(``."""
    tok = tokens[i]
    if tok.kind not in ("word", "name") or _continues_dotted_name(tokens, i):
        return False
    if i > 0 and tokens[i - 1].kind == "word" and tokens[i - 1].text.upper() == "CALL":
        return False
    name, j = _dotted_name(tokens, i)
    return "." in name and j < len(tokens) and tokens[j].text == "("


def _continues_dotted_name(tokens: list[Token], i: int) -> bool:
    """True at ``b`` of ``a.b``; not after ``..`` (a range), ``).`` or ``].``."""
    return (
        i > 1
        and tokens[i - 1].kind == "punct"
        and tokens[i - 1].text == "."
        and tokens[i - 2].kind in ("word", "name")
    )


def _check_function(tokens: list[Token], i: int) -> None:
    name, _ = _dotted_name(tokens, i)
    if name.lower() not in ALLOWED_FUNCTIONS:
        raise _refused(f"The function {name}() is not allowed.", tokens[i])


def _refused(message: str, tok: Token, *, hint: str = "") -> QueryRefused:
    return QueryRefused(
        f"{message} (position {tok.offset})",
        hint=hint
        or "Only read-only queries run here: MATCH, OPTIONAL MATCH, WITH, UNWIND, "
        "WHERE, RETURN, CALL { subquery } and the allowed db.* procedures.",
    )
