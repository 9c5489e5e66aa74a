import pytest


@pytest.fixture(autouse=True)
def _fresh_calendar():
    from danvan.citizens.deadlines import forget_shared_calendar

    forget_shared_calendar()
    yield
    forget_shared_calendar()
