"""Write and escape attempts that /api/cypher must refuse, and reads it must answer.

Placeholders, filled in by ``arm``: ``{canary}`` is the URL of the test's canary HTTP server
(a ``LOAD CSV`` that runs calls it), ``{victim}`` the id of a live transaction of the test's
(a ``TERMINATE`` that runs ends it), ``{marker}`` a name unique to the test run.
"""

from __future__ import annotations

# The security review's five: Neo4j replaces every \uXXXX escape in the whole text before it
# lexes it, so the text filter saw comments or one string where Neo4j ran SHOW, CALL, LOAD CSV.
REVIEWED: list[str] = [
    r"/* \u002a/ SHOW TRANSACTIONS YIELD transactionId, currentQuery // */ RETURN 1",
    r"/* \u002a/ SHOW SETTINGS YIELD name, value // */ RETURN 1",
    r"/* \u002a/ CALL dbms.listConfig() // */ RETURN 1",
    r"WITH 1 AS x // \u000aLOAD CSV FROM 'file:///etc/hostname' AS row RETURN row",
    r"RETURN 'x\u0027 AS a UNION LOAD CSV FROM \u0027file:///etc/hostname\u0027"
    r" AS l RETURN l AS a //'",
]

# More of that family, each one Neo4j 5.26 plans into LoadCSV, TerminateTransactions, an
# administration command or a write procedure (tests prove it), and each one the text filter
# before the review let through.
ESCAPES_PLANNED: list[str] = [
    # a quote in a string
    r"RETURN 'x\u0027 AS a UNION LOAD CSV FROM \u0027{canary}/1\u0027 AS l RETURN l[0] AS a //'",
    r'RETURN "x\u0022 AS a UNION LOAD CSV FROM \u0022{canary}/2\u0022 AS l RETURN l[0] AS a //"',
    r"RETURN 'x\u0027 AS a UNION L\u004fAD CSV FROM \u0027{canary}/3\u0027"
    r" AS l RETURN l[0] AS a //'",
    r"RETURN 'x\u0027 AS a UNION LOAD CSV FROM \u0027{canary}/4\u0027"
    r" AS l RETURN l[0] AS a \u002f\u002f'",
    r"RETURN 'it\\\u0027 AS a UNION LOAD CSV FROM \u0027{canary}/5\u0027 AS l RETURN l[0] AS a //'",
    r"RETURN [x IN [1] | 'a\u0027] AS a UNION LOAD CSV FROM \u0027{canary}/6\u0027"
    r" AS l RETURN l[0] AS a //'",
    # a backtick in a name
    r"RETURN 1 AS `a\u0060 UNION LOAD CSV FROM '{canary}/7' AS l RETURN 1 AS a //`",
    r"MATCH (n:`Person\u0060) WITH 1 AS x LOAD CSV FROM '{canary}/8' AS l RETURN l //`) RETURN 1",
    r"RETURN {`k\u0060: 1} AS m UNION LOAD CSV FROM '{canary}/9'"
    r" AS l RETURN {k: 1} AS m //`: 1} AS m",
    # the end of a /* comment
    r"/* \u002a/ LOAD CSV FROM '{canary}/10' AS l RETURN l // */ RETURN 1",
    r"/* *\u002f LOAD CSV FROM '{canary}/11' AS l RETURN l // */ RETURN 1",
    r"/* \u002a\u002f LOAD CSV FROM '{canary}/12' AS l RETURN l // */ RETURN 1",
    r"/* \u002A/ LOAD CSV FROM '{canary}/13' AS l RETURN l // */ RETURN 1",
    r"MATCH (n:Person) RETURN n.name AS a /* \u002a/ UNION LOAD CSV FROM '{canary}/14'"
    r" AS l RETURN l[0] AS a // */",
    r"/* \u002a/ TERMINATE TRANSACTIONS '{victim}' // */ RETURN 1",
    r"/* \u002a/ SHOW USERS // */ RETURN 1",
    # the end of a // comment
    r"WITH 1 AS x // \u000aLOAD CSV FROM '{canary}/15' AS l RETURN l",
    r"WITH 1 AS x // \u000dLOAD CSV FROM '{canary}/16' AS l RETURN l",
    r"WITH 1 AS x // \u000d\u000aLOAD CSV FROM '{canary}/17' AS l RETURN l",
    r"RETURN 1 AS a // \u000a UNION LOAD CSV FROM '{canary}/18' AS l RETURN 1 AS a",
    r"WITH 1 AS x // \u000aCALL db.createProperty('{marker}') RETURN 1",
]

# Refused by the text filter alone: Neo4j could not plan them, or would plan them harmlessly.
ESCAPES_TEXT_ONLY: list[str] = [
    r"WITH 1 AS x // \U000aLOAD CSV FROM '{canary}/19' AS l RETURN l",
    r"WITH 1 AS x // \uuu000aLOAD CSV FROM '{canary}/20' AS l RETURN l",
    # a fullwidth backslash: NFKC, which the filter applies, makes it a real one
    "RETURN 'x\uff3cu0027 AS a UNION LOAD CSV FROM \uff3cu0027{canary}/21\uff3cu0027 AS l "
    "RETURN l[0] AS a //'",
    # `..` (a range) before a namespaced function hid the function from the filter
    "RETURN [1, 2][0..apoc.text.join(['a'], 'b')] AS x",
]

REFUSED: list[str] = [
    # write clauses
    "CREATE (n:Person {key: 'x'})",
    "MERGE (n:Person {key: 'x'}) RETURN n",
    "MATCH (n:Person) SET n.name = 'x'",
    "MATCH (n:Person) SET n:Admin",
    "MATCH (n:Person) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) NODETACH DELETE n",
    "MATCH (n:Person) REMOVE n.email",
    "MATCH (n:Person) WITH collect(n) AS ps FOREACH (p IN ps | SET p.x = 1)",
    "INSERT (n:X)",
    "CALL { CREATE (n:X) }",
    # files and the network
    "LOAD CSV FROM 'https://evil.example/x.csv' AS row RETURN row",
    "LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS row RETURN row",
    "USING PERIODIC COMMIT LOAD CSV FROM 'x' AS r CREATE (n)",
    # procedures and functions outside the allow-list
    "CALL dbms.components()",
    "CALL dbms.security.createUser('x', 'y', false)",
    "CALL dbms.killQueries(['query-1'])",
    "CALL apoc.load.json('https://evil.example/x.json') YIELD value RETURN value",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})",
    "CALL db.createLabel('X')",
    "CALL db.index.fulltext.createNodeIndex('x', ['Person'], ['name'])",
    "OPTIONAL CALL apoc.load.json('x') YIELD value RETURN value",
    "CALL `dbms`.`security`.`createUser`('x', 'y', false)",
    "CALL `apoc.load.json`('x')",
    "CALL db.labels() YIELD label CREATE (:X {l: label})",
    # batching in transactions
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "UNWIND range(1, 10) AS i CALL { WITH i RETURN i } IN TRANSACTIONS OF 2 ROWS RETURN i",
    # administration and other databases
    "USE system SHOW USERS",
    "SHOW DATABASES",
    "CREATE USER x SET PASSWORD 'y'",
    "DROP INDEX person_email",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CYPHER runtime=slotted CREATE (n)",
    # several statements
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "RETURN 1; RETURN 2",
    "RETURN 1 /* */ ; CREATE (n)",
    # casing and comment tricks
    "cReAtE (n:X)",
    "MATCH (n) /* harmless */ DETACH /* really */ DELETE n",
    "MATCH (n) RETURN n // comment\nCREATE (m:X)",
    "MATCH (n) RETURN n // comment\rCREATE (m:X)",
    "MATCH (n) RETURN n /* never closed",
    "MATCH (n) RETURN 1CREATE (m:X)",
    # unicode look-alikes and invisible characters
    "ＣＲＥＡＴＥ (n:X)",  # fullwidth, NFKC makes it CREATE
    "СREATE (n:X)",  # Cyrillic С
    "CRE\u200bATE (n:X)",  # zero-width space
    "MATCH (n) RETURN n\u2028CREATE (m:X)",  # line separator
    "MATCH (n) RETURN n // \u2028CREATE (m:X)",  # line separator inside a comment
    # string tricks
    "MATCH (n) RETURN '/*' CREATE (m:X) RETURN '*/'",
    "RETURN 'it\\'s' CREATE (m:X)",
    'RETURN "a\\\\" CREATE (m:X) RETURN ""',
    "RETURN 'never closed",
    "RETURN \\u0043REATE",
    # unicode escapes, which Neo4j reads before anything else
    *REVIEWED,
    *ESCAPES_PLANNED,
    *ESCAPES_TEXT_ONLY,
]

# Valid Cypher that Neo4j plans as more than a read: the plan check must refuse each one by
# itself, with the text filter out of the way, and without running any of it.
PLAN_REFUSED: list[str] = [
    "LOAD CSV FROM '{canary}/p1' AS row RETURN row",
    "LOAD CSV WITH HEADERS FROM '{canary}/p2' AS row RETURN row",
    "CALL { LOAD CSV FROM '{canary}/p3' AS row RETURN row } RETURN row",
    "MATCH (n:Person) RETURN n.name AS a UNION LOAD CSV FROM '{canary}/p4' AS l RETURN l[0] AS a",
    "CALL dbms.listConfig()",
    "CALL dbms.showCurrentUser()",
    "CALL db.createProperty('{marker}')",
    "CALL db.createLabel('{marker}')",
    "CALL db.labels() YIELD label CALL db.createProperty('{marker}') RETURN label",
    "SHOW TRANSACTIONS",
    "SHOW TRANSACTIONS YIELD transactionId, currentQuery RETURN transactionId",
    "SHOW SETTINGS YIELD name, value RETURN name, value",
    "SHOW PROCEDURES",
    "SHOW FUNCTIONS",
    "SHOW INDEXES",
    "SHOW CONSTRAINTS",
    "TERMINATE TRANSACTIONS '{victim}'",
    "SHOW USERS",
    "SHOW DATABASES",
    "CREATE USER {marker} SET PASSWORD 'not-a-real-password'",
    "CREATE INDEX {marker} FOR (n:Canary) ON (n.x)",
    "CREATE (n:Canary {marker: '{marker}'})",
    "MATCH (n:Person) SET n.{marker} = 1",
    "UNWIND [1] AS i CALL { WITH i RETURN i AS j } IN TRANSACTIONS RETURN j",
    *REVIEWED,
    *ESCAPES_PLANNED,
]


def arm(query: str, *, canary: str, victim: str, marker: str) -> str:
    """The query with its placeholders filled in."""
    return query.replace("{canary}", canary).replace("{victim}", victim).replace("{marker}", marker)


# (query, parameters, expected rows) against the seed organisation.
ALLOWED: list[tuple[str, dict, list[dict]]] = [
    (
        "MATCH (s:System) WHERE s.name = $name RETURN s.key AS key",
        {"name": "Acadre"},
        [{"key": "s1"}],
    ),
    (
        "MATCH (p:Person)-[r:OWNS]->(:System {key: $key}) WHERE r.valid_to IS NULL "
        "RETURN p.key AS owner",
        {"key": "s1"},
        [{"owner": "leder-a"}],
    ),
    (
        "MATCH (p:Person) WHERE p.name CONTAINS 'CREATE' OR p.name = $n RETURN p.key AS k",
        {"n": "Bo Berg"},
        [{"k": "bo"}],
    ),
    (
        "// the people of a unit\nMATCH (p:Person)-[:MEMBER_OF]->(:OrgUnit {key: $u}) "
        "RETURN p.key AS k ORDER BY k",
        {"u": "kontor-b"},
        [{"k": "bo"}, {"k": "gone"}],
    ),
    ("RETURN date.truncate('month', date($d)) AS m", {"d": "2026-11-17"}, [{"m": "2026-11-01"}]),
    (
        "MATCH (n:Vendor) RETURN n.`set` AS s, n.name AS name;",
        {},
        [{"s": None, "name": "Formpipe"}],
    ),
    ("CALL { MATCH (v:Vendor) RETURN v } RETURN count(v) AS n", {}, [{"n": 1}]),
    ("UNWIND $xs AS x RETURN sum(x) AS total", {"xs": [1, 2, 3]}, [{"total": 6}]),
]

# Read shapes that plan into many different operators: the plan check must let each through.
READS: list[str] = [
    "MATCH (n) RETURN count(n) AS n",
    "MATCH (n:Person) RETURN n.key ORDER BY n.name SKIP 1 LIMIT 3",
    "MATCH (n:Person) WHERE n.name STARTS WITH 'B' RETURN n.key",
    "MATCH (n:Person) WHERE n.key STARTS WITH $x RETURN n.key",
    "MATCH (n:Person|System) RETURN n.key",
    "MATCH (n:Person&!System) RETURN n.key",
    "MATCH (n:Person&System) RETURN n.key",
    # A seek by element id reaches nodes of any label: refused (test_cypher_access_records.py).
    "MATCH ()-[r]-() WHERE id(r) = 1 RETURN r",
    "MATCH ()-[r:OWNS|MEMBER_OF]->() RETURN count(r) AS n",
    "MATCH ()-[r:OWNS]->() RETURN count(r) AS n",
    "MATCH (p:Person), (s:System) OPTIONAL MATCH (p)-[r:OWNS]->(s) RETURN count(r) AS n",
    "MATCH (a:Person {key: 'bo'}), (b:OrgUnit {key: 'x'}) OPTIONAL MATCH (a)-[r]->(b) RETURN r",
    "MATCH (p:Person {key: 'bo'})-[*]->(x) RETURN DISTINCT x.key",
    "MATCH (p:Person {key: 'bo'})-[*2..5]->(x) RETURN DISTINCT x.key",
    "MATCH (a:Person {key: 'bo'}), (b:OrgUnit {key: 'forv'}), p = shortestPath((a)-[*]-(b)) "
    "RETURN length(p) AS n",
    "MATCH p = ANY SHORTEST (a:Person {key: 'bo'})-[*]-(b:OrgUnit {key: 'forv'}) "
    "RETURN length(p) AS n",
    "MATCH (a:Person {key: 'bo'}) ((x:Person)-[:MEMBER_OF]->(y:OrgUnit)){1,4} (b) RETURN b.key",
    "MATCH (p:Person) WHERE p.x = 1 OR EXISTS { MATCH (p)-->(y) WITH y LIMIT 1 RETURN y } "
    "RETURN p.key",
    "MATCH (a:Person)-[:MEMBER_OF]->(u)<-[:MEMBER_OF]-(b:Person) WHERE NOT (a)-[:OWNS]->() "
    "RETURN a.key, b.key",
    "MATCH (a:Person)-->(b)-->(c) WHERE NOT (a)-->(c) RETURN a.key, c.key",
    "MATCH (p:Person) RETURN p.key, [(p)-->(x) | x.key] AS xs, COUNT { (p)-->() } AS c",
    "MATCH (p:Person) WITH p ORDER BY p.key RETURN p.key, count(*) AS n",
    "MATCH (p:Person) WITH p ORDER BY p.key RETURN p.key, p.name ORDER BY p.key, p.name LIMIT 2",
    "MATCH (p:Person) RETURN p.name AS n UNION MATCH (s:System) RETURN s.name AS n",
    "MATCH (p:Person) CALL (p) { MATCH (p)-->(x) RETURN count(x) AS c } RETURN p.key, c",
    "MATCH (a:Person)-[r]->(b) WITH r MATCH (x)-[r]->(y) RETURN x.key, y.key",
    "CALL db.labels() YIELD label RETURN label UNION CALL db.propertyKeys() YIELD propertyKey "
    "AS label RETURN label",
    "CALL db.schema.visualization()",
    "CALL db.schema.nodeTypeProperties()",
    "CALL db.schema.relTypeProperties()",
    "CALL db.relationshipTypes()",
]
