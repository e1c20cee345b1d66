"""A token bucket per address in the database: no cache server needed.

Each address starts with a full bucket of `FAIRHEAR_PUBLIC_RATE_LIMIT` tokens, refilled at that
many per hour; a submission takes one. A limit of 0 turns the check off (load tests). Staff
sign-in attempts have buckets of their own (`SignInThrottle`).
"""

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render, resolve_url
from django.utils import timezone

from fairhear.public.models import RateLimitBucket
from fairhear.web.http import client_address


def address_key(scope: str, address: str) -> str:
    # Hashed with the secret key: the table holds no address anyone could read back.
    raw = f"{settings.SECRET_KEY}|{scope}|{address}".encode()
    return hashlib.sha256(raw).hexdigest()


def take_token(
    scope: str, address: str, *, now: datetime | None = None, capacity: int | None = None
) -> bool:
    """Take one token from the address's bucket; False when it is empty (too many, too fast).
    The bucket holds `capacity` tokens, refilled at that many an hour (by default the public
    forms' limit)."""
    if capacity is None:
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


class SignInThrottle:
    """At most FAIRHEAR_SIGN_IN_ADDRESS_LIMIT sign-in attempts an hour from one address.

    django-axes locks a username at one address after a few wrong passwords; this bounds what
    one address can try across many usernames (password spraying), whatever the outcome.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "POST" and request.path == resolve_url(settings.LOGIN_URL):
            limit = settings.FAIRHEAR_SIGN_IN_ADDRESS_LIMIT
            if limit > 0 and not take_token("sign-in", client_address(request), capacity=limit):
                return self.refused(request)
        return self.get_response(request)

    @staticmethod
    def refused(request: HttpRequest) -> HttpResponse:
        return render(request, "public/sign_in_throttled.html", status=429)
