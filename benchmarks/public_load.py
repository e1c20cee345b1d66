"""Load the public complaint form: many people sending complaints at once.

Starts Fairhear under gunicorn on its own PostgreSQL database, then sends complete complaints
(every question page, check your answers, send) from concurrent clients over loopback, and
checks that every complaint became exactly one contact with its own reference.

Run from the repository root (PostgreSQL on 127.0.0.1, user postgres):
    .venv/bin/python benchmarks/public_load.py [--submissions 2000] [--clients 20] [--workers 5]
It drops and re-creates the database `fh_public_load` (a different name with --database).
Prints the figures; it is not a test. The rate limit is turned off for the run.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
SERVER = "postgres://postgres@127.0.0.1:5432"
REFERENCE = re.compile(r'<strong id="reference">([^<]+)</strong>')

STEPS: list[tuple[str, dict[str, str]]] = [
    ("name", {"name": "Load Tester"}),
    ("contact-details", {"email": "load@example.com", "phone": "", "address": ""}),
    ("preferred-contact", {"preferred_contact": "email"}),
    ("relationship", {"complainant_role": "parent", "relationship_detail": ""}),
    ("child", {"child_name": "", "child_status": "child_in_need"}),
    ("service", {"service_area": "not_sure"}),
    ("what-happened", {"what_happened": "MARKER"}),
    ("what-you-want", {"desired_outcome": "A reply."}),
    ("advocate", {"advocacy": "not_wanted", "advocate_details": ""}),
    ("documents", {"action": "continue"}),
    ("equality", {"age_band": "", "gender": "", "ethnicity": "", "disability": ""}),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _recreate(database: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if server.poll() is not None:
            sys.exit("gunicorn stopped during start-up")
        try:
            if requests.get(base + "/", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.1)
    sys.exit("gunicorn did not answer within 20 seconds")


def submit_one(base: str, number: int) -> str:
    """One person's whole complaint; returns the reference on the confirmation page."""
    with requests.Session() as session:
        first = session.get(f"{base}/complaint/name/", timeout=30)
        first.raise_for_status()
        token = session.cookies["csrftoken"]
        for slug, answers in STEPS:
            data = dict(answers, csrfmiddlewaretoken=token)
            if slug == "what-happened":
                data["what_happened"] = f"Load test complaint {number}"
            response = session.post(
                f"{base}/complaint/{slug}/", data=data, allow_redirects=False, timeout=30
            )
            if response.status_code != 302:
                raise RuntimeError(f"{slug} answered {response.status_code}")
        sent = session.post(
            f"{base}/complaint/check/",
            data={"csrfmiddlewaretoken": token},
            allow_redirects=True,
            timeout=30,
        )
        found = REFERENCE.search(sent.text)
        if sent.status_code != 200 or found is None:
            raise RuntimeError(f"sending answered {sent.status_code} with no reference")
        return found.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    parser.add_argument("--database", default="fh_public_load")
    args = parser.parse_args()
    if not 1 <= args.clients <= 50:
        sys.exit("--clients must be between 1 and 50: this is a loopback test, not an attack.")

    _recreate(args.database)
    data_dir = Path(tempfile.mkdtemp(prefix="fairhear-load-"))
    env = dict(
        os.environ,
        DATABASE_URL=f"{SERVER}/{args.database}",
        FAIRHEAR_DATA_DIR=str(data_dir),
        FAIRHEAR_PUBLIC_RATE_LIMIT="0",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
        DEBUG="true",
    )
    subprocess.run([BIN / "fairhear", "migrate", "--no-input", "-v", "0"], env=env, check=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "fairhear.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_until_up(base, server)
        print(
            f"{args.submissions:,} complaints ({len(STEPS) + 3} requests each) from "
            f"{args.clients} clients; gunicorn with {args.workers} workers on PostgreSQL"
        )
        done = 0
        lock = threading.Lock()

        def one(number: int) -> str:
            nonlocal done
            reference = submit_one(base, number)
            with lock:
                done += 1
                if done % 200 == 0:
                    print(f"  {done:,} sent")
            return reference

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            references = list(pool.map(one, range(args.submissions)))
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)

    with psycopg.connect(f"{SERVER}/{args.database}") as conn:
        contacts, unique_refs, unique_texts, awaiting = conn.execute(
            "SELECT count(*), count(DISTINCT reference), count(DISTINCT summary), "
            "count(*) FILTER (WHERE route = '') FROM casework_contact "
            "WHERE channel = 'online_form'"
        ).fetchone() or (0, 0, 0, 0)
        stored = {row[0] for row in conn.execute("SELECT reference FROM casework_contact")}

    rate = args.submissions / elapsed
    print(f"{elapsed:.1f} s: {rate:.1f} complaints per second")
    print(
        f"contacts {contacts:,}, unique references {unique_refs:,}, unique complaints "
        f"{unique_texts:,}, awaiting triage {awaiting:,}; references confirmed to clients "
        f"{len(set(references)):,}"
    )
    ok = (
        contacts == unique_refs == unique_texts == awaiting == args.submissions
        and set(references) == stored
        and len(set(references)) == args.submissions
    )
    print("none lost, none duplicated" if ok else "MISMATCH: complaints lost or duplicated")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
