"""The container's health check: GET /healthz from inside the container, as the load balancer
would, with a Host from ALLOWED_HOSTS (Django refuses any other). Exit 0 when it answers 200."""

import os
import sys
import urllib.error
import urllib.request


def host() -> str:
    first = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip()
    # ".example.gov.uk" allows the domain and its subdomains; "*" allows any name.
    return first.lstrip(".") if first and first != "*" else "localhost"


def main() -> int:
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            print(response.read().decode())
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"/healthz: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
