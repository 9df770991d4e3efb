"""Read-only ad-hoc Cypher: refuse what a READ transaction does not stop, then run it capped.

A READ transaction already makes Neo4j refuse writes; the guard refuses the rest before anything
runs: ``LOAD CSV`` (files and the network), procedures outside a small allow-list (``dbms.*``,
``apoc.*``, admin ``db.*``), user-defined functions, ``CALL {} IN TRANSACTIONS``, ``USE``,
administration commands and several statements. The text is NFKC-normalised first and that
normalised text is what runs; comments and string literals are stripped before keywords are
looked for, so neither hides nor fakes one. Outside string literals only ASCII is accepted.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import neo4j
import neo4j.graph
import neo4j.spatial
from neo4j import ManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, Neo4jError

from govgraph.errors import QueryFailed, QueryRefused, QueryTimeout
from graph.driver import Graph
from graph.entities.common import native

MAX_QUERY_LENGTH = 20_000

# Clauses and commands that write, administer or leave the read-only world; matched as whole
# unquoted words, case-insensitively. A property named like one must be written in backticks.
FORBIDDEN_WORDS = frozenset(
    {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "NODETACH", "REMOVE", "FOREACH", "INSERT",
        "DROP", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "LOAD", "PERIODIC", "TRANSACTIONS",
        "USE", "SHOW", "TERMINATE", "START", "STOP", "ENABLE", "CYPHER",
    }
)  # fmt: skip
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    }
)
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


@dataclass(frozen=True, slots=True)
class CypherResult:
    """The rows of an ad-hoc query, at most the row cap of them."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


def check_read_only(query: str) -> str:
    """Return the normalised query when it may run; raise QueryRefused naming why not."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryRefused(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
    text = unicodedata.normalize("NFKC", query).strip()
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
    if name.lower() not in ALLOWED_PROCEDURES:
        raise _refused(
            f"The procedure {name} is not allowed.",
            nxt,
            hint=f"Allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}.",
        )


def _starts_function(tokens: list[Token], i: int) -> bool:
    """True at the first part of a namespaced name that is called: ``a.b(``."""
    tok = tokens[i]
    if tok.kind not in ("word", "name") or (i > 0 and tokens[i - 1].text == "."):
        return False
    if i > 0 and tokens[i - 1].kind == "word" and tokens[i - 1].text.upper() == "CALL":
        return False
    name, j = _dotted_name(tokens, i)
    return "." in name and j < len(tokens) and tokens[j].text == "("


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


def run_read_only(
    graph: Graph, query: str, parameters: dict[str, Any], *, timeout: float, row_cap: int
) -> CypherResult:
    """Check ``query``, then run it in a READ transaction with a timeout, keeping row_cap rows."""
    text = check_read_only(query)

    @unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> CypherResult:
        result = tx.run(text, parameters)
        columns = list(result.keys())
        rows: list[dict[str, Any]] = []
        for record in result:
            if len(rows) == row_cap:
                return CypherResult(columns, rows, truncated=True)
            rows.append({k: to_json(v) for k, v in record.items()})
        return CypherResult(columns, rows, truncated=False)

    try:
        return graph.read(work)
    except ClientError as e:
        raise _client_error(e, timeout) from e
    except Neo4jError as e:
        if "Timeout" in (e.code or "") or "Terminated" in (e.code or ""):
            raise _timeout(timeout) from e
        raise


def _client_error(e: ClientError, timeout: float) -> QueryFailed:
    code = e.code or ""
    if "TransactionTimedOut" in code or "Terminated" in code:
        return _timeout(timeout)
    if "AccessMode" in code or "Forbidden" in code:
        return QueryFailed(
            "Neo4j refused the query: it would write or needs more rights.",
            hint="Only read-only queries run here.",
        )
    return QueryFailed(
        f"Neo4j could not run the query: {e.message or code}",
        hint="Fix the query; parameters go in 'parameters' and are used as $name.",
    )


def _timeout(timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"The query ran longer than {timeout:g} s and was stopped.",
        hint="Narrow it down with a more selective MATCH or a LIMIT.",
    )


def to_json(value: Any) -> Any:
    """A query result value as JSON: nodes, relationships and paths as maps, dates as text."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": to_json(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "type": value.type,
            "start": value.start_node.get("key") if value.start_node else None,
            "end": value.end_node.get("key") if value.end_node else None,
            "properties": to_json(dict(value)),
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    value = native(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
