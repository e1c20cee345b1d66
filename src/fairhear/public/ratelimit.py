"""A token bucket per address in the database: no cache server needed.

Each address starts with a full bucket of `FAIRHEAR_PUBLIC_RATE_LIMIT` tokens, refilled at that
many per hour; a submission takes one. A limit of 0 turns the check off (load tests).
"""

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from fairhear.public.models import RateLimitBucket


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind Fairhear's own proxy (FAIRHEAR_BEHIND_PROXY) every request
    comes from the proxy, so take the address the proxy added last to X-Forwarded-For: the
    entries before it are whatever the visitor chose to send."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def address_key(scope: str, address: str) -> str:
    # Hashed with the secret key: the table holds no address anyone could read back.
    raw = f"{settings.SECRET_KEY}|{scope}|{address}".encode()
    return hashlib.sha256(raw).hexdigest()


def take_token(scope: str, address: str, *, now: datetime | None = None) -> bool:
    """Take one token from the address's bucket; False when it is empty (too many, too fast)."""
    capacity = settings.FAIRHEAR_PUBLIC_RATE_LIMIT
    if capacity <= 0:
        return True
    now = now or timezone.now()
    key = address_key(scope, address)
    per_second = capacity / 3600
    for _attempt in range(2):
        try:
            with transaction.atomic():
                bucket = RateLimitBucket.objects.select_for_update().filter(key=key).first()
                if bucket is None:
                    RateLimitBucket.objects.create(key=key, tokens=capacity - 1, updated=now)
                    return True
                elapsed = max((now - bucket.updated).total_seconds(), 0.0)
                bucket.tokens = min(capacity, bucket.tokens + elapsed * per_second)
                bucket.updated = now
                allowed = bucket.tokens >= 1
                if allowed:
                    bucket.tokens -= 1
                bucket.save(update_fields=["tokens", "updated"])
                return allowed
        except IntegrityError:
            # Two first requests from one address raced to create the bucket: read it again.
            continue
    return False


def clear_full_buckets(*, now: datetime | None = None) -> int:
    """Delete buckets idle long enough to be full again: they hold nothing worth keeping."""
    capacity = settings.FAIRHEAR_PUBLIC_RATE_LIMIT
    now = now or timezone.now()
    idle = timedelta(hours=1) if capacity > 0 else timedelta(0)
    deleted, _ = RateLimitBucket.objects.filter(updated__lte=now - idle).delete()
    return deleted
