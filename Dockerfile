# syntax=docker/dockerfile:1
# Fairhear's container image: gunicorn on port 8000 as an unprivileged user, the static files
# collected into the image, uploads and the SQLite fallback in the /data volume. compose.yaml
# runs it with PostgreSQL; README.md ("Docker and compose") says how.

# --- 1. The front end: our Sass on govuk-frontend, and its JavaScript (frontend/build.mjs).
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend ./frontend
RUN npm run build

# --- 2. The Python environment: the pinned packages, checked against their hashes, then
# Fairhear itself with the built front end inside its wheel.
FROM python:3.11-slim-bookworm AS python
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
COPY requirements/production.txt /tmp/production.txt
RUN /venv/bin/pip install --require-hashes -r /tmp/production.txt
WORKDIR /build
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
COPY --from=frontend /build/src/fairhear/static/build ./src/fairhear/static/build
RUN /venv/bin/pip install --no-deps .

# --- 3. The image that runs.
FROM python:3.11-slim-bookworm
# tzdata: Django's Europe/London and the daily jobs' clock.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 fairhear \
 && useradd --system --uid 10001 --gid fairhear --home-dir /data --no-create-home fairhear \
 && mkdir -p /data /app \
 && chown fairhear:fairhear /data
COPY --from=python /venv /venv
COPY scripts/container_healthcheck.py scripts/daily_jobs.sh /app/
# FORWARDED_ALLOW_IPS: gunicorn believes X-Forwarded-Proto from any address, as the container
# is reached only through the council's TLS proxy (compose publishes it on 127.0.0.1 only).
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TZ=Europe/London \
    FAIRHEAR_DATA_DIR=/data \
    STATIC_ROOT=/app/static \
    PORT=8000 \
    FORWARDED_ALLOW_IPS="*"
# The manifest storage's hashed and compressed files, made once here, not on every start. The
# key is a throwaway: collectstatic signs nothing, and the settings refuse to start without a
# key as long as a real one.
RUN DEBUG=false SECRET_KEY=collectstatic-only-a-throwaway-key-that-signs-nothing-at-build \
    FAIRHEAR_DATA_DIR=/tmp/collect \
    fairhear collectstatic --no-input \
 && rm -rf /tmp/collect
USER fairhear
WORKDIR /data
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["python", "/app/container_healthcheck.py"]
CMD ["sh", "-c", "exec gunicorn fairhear.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
