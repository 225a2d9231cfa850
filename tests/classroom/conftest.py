"""The store's tests run on SQLite (a file per test) and on PostgreSQL (a database per test).

PostgreSQL comes from RNNX_TEST_POSTGRES, an SQLAlchemy URL of a server the tests may create
databases on (`.ci/run` starts a throwaway one). Without it the PostgreSQL half is skipped, unless
REQUIRE_POSTGRES=1 (as `.ci/run` sets), which makes it fail.
"""

from __future__ import annotations

import os
import secrets

import pytest
import sqlalchemy as sa


def _postgres_admin() -> str | None:
    url = os.environ.get("RNNX_TEST_POSTGRES", "").strip()
    if not url:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but RNNX_TEST_POSTGRES is not set")
        pytest.skip("no PostgreSQL (set RNNX_TEST_POSTGRES)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'classroom.sqlite'}"
        return
    admin_url = sa.make_url(_postgres_admin())
    name = f"rnnx_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
