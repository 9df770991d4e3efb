"""The production files: docker-compose.yml, Dockerfile, .env.example and .dockerignore."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from core.settings import ApiSettings

ROOT = Path(__file__).resolve().parent.parent
# A compose reference to the password that stops compose when it is unset or empty.
REQUIRED_PASSWORD = r"\$\{NEO4J_PASSWORD:\?[^}]+\}"
# Variable names that hold a secret, in any service's environment.
SECRET_NAME = re.compile(r"PASSWORD|AUTH|SECRET|TOKEN|KEY", re.I)


def _compose_text() -> str:
    return (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


def _compose() -> dict[str, Any]:
    data = yaml.safe_load(_compose_text())
    assert isinstance(data, dict)
    return data


def _service(name: str) -> dict[str, Any]:
    service = _compose()["services"][name]
    assert isinstance(service, dict)
    return service


def _environment(name: str) -> dict[str, str]:
    env = _service(name).get("environment", {})
    if isinstance(env, list):  # the "KEY=value" form
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def _healthcheck_command() -> str:
    test = _service("neo4j")["healthcheck"]["test"]
    assert test[0] in ("CMD", "CMD-SHELL"), test
    return " ".join(test[1:])


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    out = []
    for line in joined.splitlines():
        if line.strip():
            instruction, _, args = line.strip().partition(" ")
            out.append((instruction.upper(), args.strip()))
    return out


def _env_example() -> dict[str, str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    pairs = (
        line.split("=", 1) for line in text.splitlines() if re.match(r"^[A-Z][A-Z0-9_]*=", line)
    )
    return {name: value.strip() for name, value in pairs}


def test_neo4j_image_is_community_5_26_or_newer() -> None:
    match = re.fullmatch(r"neo4j:(\d+)\.(\d+)(?:\.\d+)?-community", _service("neo4j")["image"])
    assert match, _service("neo4j")["image"]
    assert (int(match[1]), int(match[2])) >= (5, 26)


def test_neo4j_healthcheck_runs_a_query_over_bolt() -> None:
    command = _healthcheck_command()
    assert "cypher-shell" in command
    assert "RETURN 1" in command
    assert "bolt://" in command


def test_neo4j_healthcheck_reads_the_password_inside_the_container() -> None:
    password = re.search(r"-p\s+\"?([^\s\"]+)", _healthcheck_command())
    assert password, "the healthcheck must log in"
    assert password[1].startswith("$${NEO4J_"), "use the container's variable, not a literal"


def test_neo4j_healthcheck_allows_for_a_slow_start() -> None:
    check = _service("neo4j")["healthcheck"]
    assert {"interval", "timeout", "retries", "start_period"} <= set(check)


def test_neo4j_data_lives_on_a_named_volume() -> None:
    mounts = [v.split(":") for v in _service("neo4j")["volumes"]]
    data = [source for source, target, *_ in mounts if target == "/data"]
    assert data, "no volume for /data"
    assert data[0] in _compose()["volumes"], "the /data volume is not a declared named volume"


def test_neo4j_ports_are_bound_to_localhost() -> None:
    for port in _service("neo4j")["ports"]:
        assert str(port).startswith("127.0.0.1:"), port


def test_two_app_replicas_publish_no_port_of_their_own() -> None:
    app = _service("govgraph")
    assert app["deploy"]["replicas"] >= 2
    assert "ports" not in app, "only the proxy is reached from outside"


def test_the_proxy_serves_tls_in_front_of_every_replica() -> None:
    proxy = _service("proxy")
    assert proxy["image"].startswith("caddy:")
    assert "443:443" in proxy["ports"]
    mounts = [v.split(":") for v in proxy["volumes"]]
    caddyfile = next(ROOT / source for source, target, *_ in mounts if target.endswith("Caddyfile"))
    text = caddyfile.read_text(encoding="utf-8")
    assert "{$GOVGRAPH_DOMAIN}" in text  # a site address: Caddy's automatic HTTPS
    assert re.search(r"dynamic a govgraph 8000", text), "the proxy must find every replica"


def test_the_app_trusts_forwarded_headers_from_the_compose_network_only() -> None:
    subnet = _compose()["networks"]["govgraph"]["ipam"]["config"][0]["subnet"]
    trusted = json.loads(_environment("govgraph")["GOVGRAPH_API__TRUSTED_PROXIES"])
    assert trusted == [subnet]
    assert ApiSettings(trusted_proxies=trusted).trusted_proxies == [subnet]
    for name in ("govgraph", "proxy", "neo4j"):
        assert _service(name)["networks"] == ["govgraph"]


def test_the_compose_file_says_how_to_plug_in_the_identity_provider() -> None:
    text = _compose_text()
    for setting in ("ISSUER", "CLIENT_ID", "GROUP_SCOPES", "CLIENT_SECRET_FILE"):
        assert f"GOVGRAPH_OIDC__{setting}" in text
    assert "/login/sso/callback" in text


def test_neo4j_auth_comes_from_the_environment() -> None:
    assert re.fullmatch(rf"neo4j/{REQUIRED_PASSWORD}", _environment("neo4j")["NEO4J_AUTH"])


def test_app_password_comes_from_the_environment() -> None:
    assert re.fullmatch(REQUIRED_PASSWORD, _environment("govgraph")["NEO4J_PASSWORD"])


def test_no_secret_is_written_in_the_compose_file() -> None:
    for name in _compose()["services"]:
        for var, value in _environment(name).items():
            if SECRET_NAME.search(var):
                literal = re.sub(REQUIRED_PASSWORD, "", value)
                assert literal in ("", "neo4j/"), f"{name}: {var} holds a literal"


def test_the_password_never_has_a_default() -> None:
    references = re.findall(r"\$\{NEO4J_PASSWORD[^}]*\}", _compose_text())
    assert references
    assert all(re.fullmatch(REQUIRED_PASSWORD, r) for r in references), references


def test_neo4j_does_not_load_the_env_file() -> None:
    # The image turns each NEO4J_* variable into a neo4j.conf setting; NEO4J_PASSWORD from
    # .env would become an unknown setting that stops Neo4j 5 at start-up.
    assert "env_file" not in _service("neo4j")


def test_app_waits_for_a_healthy_neo4j() -> None:
    assert _service("govgraph")["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_app_connects_to_neo4j_over_the_compose_network() -> None:
    env = _environment("govgraph")
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["GOVGRAPH_ENV"] == "production"
    assert "NEO4J_USER" in env


def test_app_is_built_from_the_dockerfile() -> None:
    build = _service("govgraph")["build"]
    context = build if isinstance(build, str) else build.get("context")
    assert context == "."


def test_dockerfile_starts_from_python_3_11_slim() -> None:
    assert ("FROM", "python:3.11-slim") in _dockerfile()


def test_dockerfile_installs_with_the_constraints_file() -> None:
    runs = [args for instruction, args in _dockerfile() if instruction == "RUN"]
    assert any(re.search(r"pip install -c constraints\.txt \.(\s|$)", run) for run in runs)
    copies = [args for instruction, args in _dockerfile() if instruction == "COPY"]
    assert any("constraints.txt" in copy for copy in copies)


def test_dockerfile_runs_as_a_non_root_user() -> None:
    users = [args for instruction, args in _dockerfile() if instruction == "USER"]
    assert users, "no USER: the app would run as root"
    assert users[-1].split(":")[0] not in ("root", "0")


def test_dockerfile_serves_govgraph_on_port_8000() -> None:
    commands = [args for instruction, args in _dockerfile() if instruction == "CMD"]
    assert json.loads(commands[-1]) == ["govgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]


def test_env_example_documents_every_variable_compose_reads() -> None:
    read = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", _compose_text()))
    assert read <= set(_env_example()), read - set(_env_example())


def test_env_example_holds_no_password() -> None:
    assert _env_example()["NEO4J_PASSWORD"] == ""


def test_dockerignore_keeps_secrets_and_virtualenvs_out() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".env", ".venv", ".git"} <= set(ignored)
