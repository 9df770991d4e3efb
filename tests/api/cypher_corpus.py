"""Write and escape attempts that /api/cypher must refuse, and reads it must answer."""

from __future__ import annotations

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
]

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
