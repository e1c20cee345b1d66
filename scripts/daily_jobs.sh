#!/bin/sh
# The daily jobs, for the compose file's `jobs` service (a server uses cron, as README.md
# shows): every day at JOBS_AT (default 07:30, in TZ), the reminders on working days (Monday
# to Friday), the clearing of unfinished public forms and of expired case file exports. A job
# that fails is logged and the loop carries on to the next day.
set -u
at="${JOBS_AT:-07:30}"
while :; do
  now="$(date +%s)"
  next="$(date -d "today $at" +%s)"
  [ "$next" -gt "$now" ] || next="$(date -d "tomorrow $at" +%s)"
  echo "daily jobs: next run $(date -d "@$next" '+%Y-%m-%d %H:%M %Z')"
  sleep $((next - now))
  if [ "$(date +%u)" -le 5 ]; then
    fairhear remind || echo "daily jobs: fairhear remind failed" >&2
  fi
  fairhear clear_public_drafts || echo "daily jobs: fairhear clear_public_drafts failed" >&2
  fairhear clear_exports || echo "daily jobs: fairhear clear_exports failed" >&2
done
