"""scripts/cluster, driven from outside as people and machines use it: two instances
behind HAProxy, a job worker, PostgreSQL, Redis and an S3 server. One cluster serves every
check (it takes a minute or two to start), so the checks run in this order, the
instance killed last.

Runs on PostgreSQL only (DATABASE_URL): the cluster gets a database of its own on the same
server, named after the test database's with `_cluster` added."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.db import connection
from django_otp.oath import TOTP

from liaison.core.testing.s3 import S3Endpoint

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the cluster runs on PostgreSQL only"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "cluster test password 2026"  # noqa: S105 (accounts of a throwaway database)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PARTNER = "GE"
SOURCE = "seed-002-strategy"
OPERATIONAL = {
    "data_category": "operational_personal_data",
    "necessity": "Identify the suspects of a trafficking ring.",
    "receiving_authority": "the public prosecution service",
    "receiving_authority_competent": True,
    "originating_member_state": "NL",
    "member_state_authorisation": "prior",
    "as_of": "2024-06-01",
}
# Each run uses names of its own: the cluster's database is kept between runs (faster).
RUN = uuid.uuid4().hex[:8]

SET_UP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from liaison.core.models import RolePolicy
from liaison.core.services import api_token_create

# These roles confirm each login with a code: the second factor must cross instances too.
RolePolicy.objects.filter(
    role__name__in=["cooperation_officer", "data_protection_officer"]
).update(second_factor_required=True)
people = {}
for name, role in [("alice", "cooperation_officer"), ("olga", "cooperation_officer"),
                   ("dave", "data_protection_officer")]:
    user = get_user_model().objects.create_user(f"{name}-RUN", password="PASSWORD")
    user.groups.add(Group.objects.get(name=role))
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    people[name] = {"username": user.username, "key": device.key}
    if name == "alice":
        people["token"] = api_token_create(user=user, name="cluster burst", days=1)[1]
print(json.dumps(people))
"""


def cluster_database_url() -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"{parts.path}_cluster"))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: Any) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("cluster")
    env = {
        **os.environ,
        "LIAISON_CLUSTER_DIR": str(folder),
        "LIAISON_CLUSTER_DATABASE_URL": cluster_database_url(),
        "LIAISON_CLUSTER_REDIS_URL": os.environ.get(
            "LIAISON_CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/2"
        ),
        # Small enough that a handful of assessments is a "large" export, written by a job.
        "LIAISON_EXPORT_MAX_ROWS_INLINE": "3",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = [str(ROOT / "scripts" / "cluster")]
    # While working on these tests: LIAISON_TEST_CLUSTER_DIR names the folder of a cluster
    # already started (with LIAISON_EXPORT_MAX_ROWS_INLINE=3), used and left running.
    running = os.environ.get("LIAISON_TEST_CLUSTER_DIR")
    if running:
        folder = Path(running)
        script = ["true"]
    started = subprocess.run(  # noqa: S603 (our own script)
        [*script, "start", "--detach"], env=env, capture_output=True, text=True, check=False
    )
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        state = json.loads((folder / "cluster.json").read_text())
        set_up = subprocess.run(  # noqa: S603
            [str(ROOT / ".venv" / "bin" / "liaison"), "shell", "-c", personas_code()],
            env={
                **env,
                "DATABASE_URL": state["database_url"],
                "LIAISON_DATA_DIR": str(folder / "data-tests"),
                "LIAISON_HTTPS": "false",
            },
            capture_output=True,
            text=True,
            check=True,
        )
        state["people"] = json.loads(set_up.stdout.strip().splitlines()[-1])
        state["folder"] = folder
        yield state
    finally:
        subprocess.run([*script, "stop"], env=env, capture_output=True, check=False)  # noqa: S603


def personas_code() -> str:
    return SET_UP.replace("RUN", RUN).replace("PASSWORD", PASSWORD)


def code_for(key: str) -> str:
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def csrf(session: requests.Session) -> dict[str, str]:
    return {"X-CSRFToken": session.cookies["csrftoken"]}


def log_in(cluster: dict[str, Any], name: str, *, password_on: str, code_on: str) -> Any:
    """Password on one instance, one-time code on the other: one session for both."""
    person = cluster["people"][name]
    session = requests.Session()
    first, second = cluster["instances"][password_on], cluster["instances"][code_on]
    session.get(f"{first}login/", timeout=30)
    answer = session.post(
        f"{first}login/",
        {"username": person["username"], "password": PASSWORD},
        headers=csrf(session),
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text[:500]
    asked = session.get(f"{second}partners/", allow_redirects=False, timeout=30)
    assert asked.headers["Location"].startswith("/account/second-factor/")
    confirmed = session.post(
        f"{second}account/second-factor/",
        {"code": code_for(person["key"])},
        headers=csrf(session),
        allow_redirects=False,
        timeout=30,
    )
    assert confirmed.status_code == 302, confirmed.text[:500]
    assert session.get(f"{first}partners/", allow_redirects=False, timeout=30).status_code == 200
    return session


@pytest.fixture(scope="module")
def alice(cluster: dict[str, Any]) -> requests.Session:
    return log_in(cluster, "alice", password_on="a", code_on="b")


@pytest.fixture(scope="module")
def olga(cluster: dict[str, Any]) -> requests.Session:
    return log_in(cluster, "olga", password_on="b", code_on="a")


def test_a_proposal_made_through_one_instance_is_approved_through_the_other(cluster, alice, olga):
    a, b = cluster["instances"]["a"], cluster["instances"]["b"]
    citation = {"source": SOURCE, "location": "Art. 1"}
    created = alice.post(
        f"{a}api/instruments/",
        json={
            "key": f"cluster-agreement-{RUN}",
            "partner": PARTNER,
            "type": "cooperation_agreement",
            "title": f"Cooperation agreement tried on the cluster ({RUN})",
            "citations": [citation],
            "events": [{"kind": "signed", "date": "2019-11-04", "citations": [citation]}],
        },
        headers=csrf(alice),
        timeout=30,
    )
    assert created.status_code == 201, created.text[:500]
    [proposal] = created.json()["proposals"]
    assert proposal["status"] == "pending" and created.json()["events"] == []

    approved = olga.post(
        f"{b}api/proposals/{proposal['id']}/approve/", headers=csrf(olga), timeout=30
    )
    assert approved.status_code == 200, approved.text[:500]
    seen = alice.get(f"{a}api/instruments/{created.json()['id']}/", timeout=30).json()
    assert [event["kind"] for event in seen["events"]] == ["signed"]


def test_a_document_uploaded_through_one_instance_is_read_through_the_other(cluster, alice, olga):
    a, b = cluster["instances"]["a"], cluster["instances"]["b"]
    uploaded = alice.post(
        f"{a}sources/{SOURCE}/attachments/",
        files={"file": (f"decision-{RUN}.pdf", PDF, "application/pdf")},
        headers=csrf(alice),
        allow_redirects=False,
        timeout=30,
    )
    assert uploaded.status_code == 302
    attachments = olga.get(f"{b}api/sources/{SOURCE}/", timeout=30).json()["attachments"]
    [attachment] = [item for item in attachments if item["name"] == f"decision-{RUN}.pdf"]
    download = olga.get(f"{b}{attachment['download'].lstrip('/')}", timeout=30)
    assert download.status_code == 200 and download.content == PDF
    # In the bucket, on no instance's disk.
    s3 = S3Endpoint(url=cluster["s3"], bucket="liaison")
    listing = s3.client().list_objects_v2(Bucket="liaison", Prefix="documents/sources/")  # type: ignore[attr-defined]
    assert len(listing.get("Contents", [])) >= 1
    folder = cluster["folder"]
    assert not any((folder / f"data-{name}" / "media").exists() for name in ("a", "b"))


def test_a_large_export_runs_on_the_worker_and_is_downloaded_through_the_other_instance(
    cluster,
):
    token = {"Authorization": f"Token {cluster['people']['token']}"}
    for _ in range(4):
        made = requests.post(
            f"{cluster['url']}api/transfer-assessments/",
            json={"partner": PARTNER, **OPERATIONAL},
            headers=token,
            timeout=30,
        )
        assert made.status_code == 201, made.text[:500]
    dave = log_in(cluster, "dave", password_on="a", code_on="b")
    a, b = cluster["instances"]["a"], cluster["instances"]["b"]
    asked = dave.post(
        f"{a}transfer-assessments/export.csv",
        headers=csrf(dave),
        allow_redirects=False,
        timeout=30,
    )
    assert asked.status_code == 303, asked.text[:500]
    export = asked.headers["Location"]
    deadline = time.monotonic() + 120
    while True:
        download = dave.get(f"{b}{export.lstrip('/')}download/", timeout=30)
        if download.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert download.status_code == 200, "the worker did not write the export in time"
    rows = download.content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) >= 5  # the header and at least the four assessments made above
    # Neither instance runs jobs (--no-job-worker): the worker wrote it.
    assert "export_write" in (cluster["folder"] / "worker.log").read_text()


def test_a_burst_of_writes_survives_an_instance_killed_in_the_middle(cluster):
    """Sixty sources created through the balancer, four at a time; instance A is killed
    after the first ten. A write whose answer was lost is sent again; a source key is
    unique, so a write that had been applied answers "already exists" and is not made
    twice. Every write is there, once."""
    token = {"Authorization": f"Token {cluster['people']['token']}"}
    keys = [f"burst-{RUN}-{number:03d}" for number in range(60)]
    done: list[str] = []
    retried: list[str] = []

    def write(key: str) -> str:
        for _attempt in range(30):
            try:
                answer = requests.post(
                    f"{cluster['url']}api/sources/",
                    json={"key": key, "title": f"Burst {key}", "document_type": "report"},
                    headers=token,
                    timeout=30,
                )
            except requests.ConnectionError:
                retried.append(key)
                time.sleep(0.5)
                continue
            if answer.status_code == 201:
                done.append(key)
                return "created"
            if answer.status_code == 400 and "key" in answer.json():
                done.append(key)
                return "was already applied"
            assert answer.status_code >= 500, answer.text[:500]
            retried.append(key)
            time.sleep(0.5)
        raise AssertionError(f"{key} was never written")

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(write, key) for key in keys]
        while len(done) < 10 and not all(future.done() for future in futures):
            time.sleep(0.05)
        os.killpg(cluster["pids"]["a"], signal.SIGKILL)
        written_before_the_kill = len(done)
        outcomes = [future.result() for future in futures]

    assert written_before_the_kill < len(keys), "the kill came after the burst"
    assert sorted(done) == keys
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{cluster['instances']['a']}login/", timeout=5)
    import psycopg

    with psycopg.connect(cluster["database_url"]) as database:
        count, distinct = database.execute(
            "SELECT count(*), count(DISTINCT key) FROM sources_source WHERE key LIKE %s",
            [f"burst-{RUN}-%"],
        ).fetchone()  # type: ignore[misc]
    assert (count, distinct) == (60, 60), outcomes
