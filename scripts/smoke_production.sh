#!/usr/bin/env bash
# The production path, end to end: build the front end, collect the static files with
# DEBUG=false, migrate a fresh PostgreSQL database, serve it with gunicorn behind a pretend TLS
# proxy, and check over HTTP that the pages, the hashed static files and the security headers
# are what a council's server would give, and that a backup is written. Stops gunicorn and
# drops the database on exit.
#
# Needs `make setup` done and PostgreSQL reachable as PGHOST/PGPORT/PGUSER (default
# 127.0.0.1:5432, postgres, with the right to create databases).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
BIN="$PWD/.venv/bin"
HOST=complaints.example.gov.uk
DATABASE="fairhear_smoke_$$"
USERNAME=smoke-manager
PASSWORD="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"

work="$(mktemp -d)"
gunicorn_pid=""
cleanup() {
  if [ -n "$gunicorn_pid" ]; then
    kill "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  dropdb --if-exists --force "$DATABASE" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "SMOKE TEST FAILED: $*" >&2
  if [ -s "$work/gunicorn.log" ]; then
    echo "--- the last lines gunicorn logged:" >&2
    tail -n 40 "$work/gunicorn.log" >&2
  fi
  exit 1
}
ok() { echo "  ok  $*"; }

export DEBUG=false
export SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS="$HOST" CSRF_TRUSTED_ORIGINS="https://$HOST" FAIRHEAR_BEHIND_PROXY=true
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DATABASE"
export STATIC_ROOT="$work/static" FAIRHEAR_DATA_DIR="$work/data"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

echo "== front-end build, collectstatic, migrate"
npm run --silent build >/dev/null || fail "the front-end build (npm run build) failed"
"$BIN/fairhear" collectstatic --no-input >"$work/collectstatic.log" 2>&1 \
  || { cat "$work/collectstatic.log" >&2; fail "collectstatic with DEBUG=false failed"; }
ok "collectstatic: $(tail -n 1 "$work/collectstatic.log")"
createdb "$DATABASE" || fail "could not create the database $DATABASE on $PGHOST:$PGPORT"
"$BIN/fairhear" migrate --no-input >"$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log" >&2; fail "migrate on a fresh PostgreSQL database failed"; }
ok "migrated a fresh PostgreSQL database"
# The shared cache's table comes with migrate; Django's own command would make it otherwise.
missing="$("$BIN/fairhear" createcachetable --dry-run --verbosity 0)" || fail "createcachetable failed"
[ -z "$missing" ] || fail "migrate did not make the cache table: createcachetable would run $missing"
ok "migrate made the shared cache's table"
DJANGO_SUPERUSER_PASSWORD="$PASSWORD" "$BIN/fairhear" createsuperuser --no-input \
  --username "$USERNAME" --email smoke@example.invalid >/dev/null \
  || fail "createsuperuser failed"

echo "== gunicorn"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$BIN/gunicorn" fairhear.wsgi --bind "127.0.0.1:$port" --workers 2 \
  --access-logfile - --error-logfile - >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 60); do
  curl -sf -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$port/healthz" && break
  kill -0 "$gunicorn_pid" 2>/dev/null || fail "gunicorn stopped while starting"
  sleep 0.5
done
ok "gunicorn answers on 127.0.0.1:$port"

# fetch NAME PATH [CURL ARGS]: a request as the TLS proxy forwards it; headers and body go to
# $work/NAME.headers and $work/NAME.body, the status to stdout.
fetch() {
  local name=$1 path=$2
  shift 2
  curl -sS -o "$work/$name.body" -D "$work/$name.headers" -w '%{http_code}' \
    -H "Host: $HOST" -H "X-Forwarded-Proto: https" "$@" "http://127.0.0.1:$port$path"
}
# header NAME FIELD: a response header's value.
header() { grep -i "^$2:" "$work/$1.headers" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }
# expect NAME PATH STATUS [CURL ARGS]
expect() {
  local name=$1 path=$2 want=$3 got
  shift 3
  got="$(fetch "$name" "$path" "$@")" || fail "GET $path: curl failed"
  [ "$got" = "$want" ] || fail "$path answered $got, expected $want"
  ok "$path answers $want"
}
cookies() { grep -i '^set-cookie:' "$work/$1.headers" | sed -E 's/^[^:]*: *([^;]*).*/\1/' | paste -sd ';' -; }

echo "== health check, as a load balancer calls it: plain HTTP, no sign-in"
got="$(curl -sS -o "$work/health.body" -w '%{http_code}' -H "Host: $HOST" \
  "http://127.0.0.1:$port/healthz")"
[ "$got" = 200 ] || fail "/healthz answered $got: $(cat "$work/health.body")"
grep -q '"status": "ok"' "$work/health.body" || fail "/healthz said $(cat "$work/health.body")"
ok "/healthz answers 200: $(cat "$work/health.body")"

echo "== pages"
expect home / 200
grep -q "Fairhear\|complain" "$work/home.body" || fail "the home page has no recognisable content"
expect sign-in /staff/account/sign-in/ 200
expect staff-anonymous /staff/ 302
case "$(header staff-anonymous location)" in
  /staff/account/sign-in/*) ok "an anonymous staff page sends you to sign in" ;;
  *) fail "/staff/ without signing in redirects to '$(header staff-anonymous location)'" ;;
esac

token="$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$work/sign-in.body" | head -n 1 | cut -d'"' -f4)"
[ -n "$token" ] || fail "the sign-in page has no CSRF token"
expect signed-in /staff/account/sign-in/ 302 \
  -H "Cookie: $(cookies sign-in)" -H "Referer: https://$HOST/staff/account/sign-in/" \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=$USERNAME" \
  --data-urlencode "password=$PASSWORD"
session="$(cookies signed-in)"
case "$session" in *sessionid=*) ;; *) fail "signing in set no session cookie" ;; esac
expect staff /staff/ 200 -H "Cookie: $session"
grep -q "$USERNAME\|Sign out" "$work/staff.body" || fail "the staff home page does not show a signed-in user"

echo "== static files"
stylesheet="$(grep -o 'href="/static/build/fairhear\.[0-9a-f]\{12\}\.css"' "$work/home.body" | cut -d'"' -f2)"
[ -n "$stylesheet" ] || fail "the home page links no hashed stylesheet (is the manifest storage on?)"
expect stylesheet "$stylesheet" 200
case "$(header stylesheet content-type)" in text/css*) ;; *) fail "$stylesheet is not served as CSS" ;; esac
[ -s "$work/stylesheet.body" ] || fail "$stylesheet is empty"
case "$(header stylesheet cache-control)" in
  *max-age=315360000*|*immutable*) ok "$stylesheet is cached for ever" ;;
  *) fail "$stylesheet has no far-future caching: '$(header stylesheet cache-control)'" ;;
esac
for script in $(grep -o 'src="/static/[^"]*"' "$work/home.body" | cut -d'"' -f2); do
  expect script "$script" 200
done

echo "== security headers"
for field in Strict-Transport-Security Content-Security-Policy X-Content-Type-Options \
  Referrer-Policy; do
  [ -n "$(header home "$field")" ] || fail "the home page has no $field header"
  ok "$field: $(header home "$field")"
done
header home content-security-policy | grep -q "frame-ancestors 'none'" \
  || [ -n "$(header home x-frame-options)" ] \
  || fail "the home page forbids framing neither by X-Frame-Options nor frame-ancestors"
ok "framing is forbidden (X-Frame-Options: $(header home x-frame-options))"
header signed-in set-cookie | grep -qi "secure" || fail "the session cookie is not Secure"
ok "the session cookie is Secure"

echo "== behind the proxy"
got="$(curl -sS -o /dev/null -D "$work/plain.headers" -w '%{http_code}' -H "Host: $HOST" \
  "http://127.0.0.1:$port/")"
[ "$got" = 301 ] && [ "$(header plain location)" = "https://$HOST/" ] \
  || fail "plain HTTP answered $got to '$(header plain location)', expected 301 to https://$HOST/"
ok "plain HTTP is redirected to https://$HOST/"
got="$(curl -sS -o /dev/null -w '%{http_code}' -H "Host: not-the-council.example" \
  -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/")"
[ "$got" = 400 ] || fail "a host not in ALLOWED_HOSTS answered $got, expected 400"
ok "a host not in ALLOWED_HOSTS is refused with 400"
sleep 0.5  # gunicorn's workers write their log lines asynchronously
grep -q "ERROR django.security.DisallowedHost: Invalid HTTP_HOST header: 'not-the-council.example'" \
  "$work/gunicorn.log" || fail "the refused host was not logged as one line"
! grep -q "Traceback" "$work/gunicorn.log" || fail "gunicorn's log holds a traceback"
ok "the refused host is logged on one line, without a traceback"

echo "== backup"
"$BIN/fairhear" backup --output "$work/backup.zip" >"$work/backup.log" 2>&1 \
  || { cat "$work/backup.log" >&2; fail "fairhear backup failed"; }
python3 -c 'import json, sys, zipfile; m = json.loads(zipfile.ZipFile(sys.argv[1]).read("manifest.json")); assert m["counts"]["auth.user"] == 1, m' \
  "$work/backup.zip" || fail "the backup's manifest does not count the one user"
ok "$(cat "$work/backup.log")"

echo "== the production smoke test passed"
