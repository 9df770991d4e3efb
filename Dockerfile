# govgraph's web app (and CLI) for production; Neo4j runs beside it, see docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GOVGRAPH_HOME=/var/lib/govgraph \
    GOVGRAPH_ENV=production

# A fixed, unprivileged user owns the app's state; nothing runs as root after the install.
RUN groupadd --system --gid 10001 govgraph \
    && useradd --system --uid 10001 --gid govgraph --no-create-home \
        --home-dir /var/lib/govgraph --shell /usr/sbin/nologin govgraph \
    && install -d -o govgraph -g govgraph -m 0750 /var/lib/govgraph

WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY govgraph/ govgraph/
COPY core/ core/
COPY reporting/ reporting/
COPY graph/ graph/
COPY schema/ schema/
COPY importers/ importers/
COPY api/ api/
COPY visualise/ visualise/
# The constraints file pins every dependency to the versions the test suite ran with.
RUN pip install -c constraints.txt . \
    && cd / && rm -rf /src

WORKDIR /var/lib/govgraph
USER 10001:10001
EXPOSE 8000
CMD ["govgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
