import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from fairhear.public.ratelimit import take_token

pytestmark = pytest.mark.django_db

CAPACITY = 5


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(gaps=st.lists(st.floats(min_value=0, max_value=1800), min_size=1, max_size=30))
def test_no_address_gets_more_than_the_bucket_and_its_refill(
    gaps: list[float], settings: object
) -> None:
    settings.FAIRHEAR_PUBLIC_RATE_LIMIT = CAPACITY  # type: ignore[attr-defined]
    address = str(uuid.uuid4())
    start = timezone.now()
    moment = start
    allowed = 0
    for gap in gaps:
        moment += timedelta(seconds=gap)
        allowed += take_token("submit", address, now=moment)

    elapsed_hours = (moment - start).total_seconds() / 3600
    assert allowed <= CAPACITY + elapsed_hours * CAPACITY + 1e-9
    assert allowed >= min(len(gaps), CAPACITY)  # a full bucket is never refused
