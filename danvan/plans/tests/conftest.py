import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SEED = REPO.parent / "shared" / "seeds" / "000_b7ad970acadcf5d4.txt"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"The seed plan is required under CI but was not found at {SEED}")
        pytest.skip(f"Seed plan not found at {SEED}")
    return SEED.read_text(encoding="utf-8")
