"""docker-compose.yml, the way in for a newcomer without Odoo: checked with
`docker compose config` (or Debian's docker-compose 1.x), which needs no
daemon and no image; then what it says is read back from its output."""

import re
import shutil
import subprocess

import pytest

from .common import REPO

COMPOSE_FILE = REPO / "docker-compose.yml"


def compose_command():
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy:
        return [legacy]
    pytest.skip("neither `docker compose` nor `docker-compose` is installed")


@pytest.fixture(scope="module")
def config():
    yaml = pytest.importorskip("yaml")
    cmd = [*compose_command(), "--file", str(COMPOSE_FILE), "config"]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    assert res.returncode == 0, f"$ {' '.join(cmd)}\n{res.stdout}{res.stderr}"
    return yaml.safe_load(res.stdout)


def test_official_odoo_19_and_postgres_images(config):
    services = config["services"]
    assert services["web"]["image"] == "odoo:19.0"
    assert re.fullmatch(r"postgres:\d+", services["db"]["image"])
    assert "db" in services["web"]["depends_on"]


def test_the_repository_is_the_extra_addons_path(config):
    volumes = config["services"]["web"]["volumes"]
    # docker compose v2 gives dicts, docker-compose 1.x "source:target:mode"
    mounts = {
        (v["source"], v["target"]) if isinstance(v, dict) else tuple(v.split(":")[:2])
        for v in volumes
    }
    assert (str(REPO), "/mnt/extra-addons") in mounts


def test_it_serves_the_demo_database_with_the_addon(config):
    web = config["services"]["web"]
    command = web["command"]
    assert command[0] == "--", "the image's entrypoint takes Odoo options after --"
    assert "--database=perf_demo" in command  # the DEMO_DB of `make demo`
    assert "--init=odoo_perf_review" in command and "--with-demo" in command
    assert any(p.get("target") == 8069 or "8069" in str(p) for p in web["ports"])
    env = web["environment"]
    db_env = config["services"]["db"]["environment"]
    assert env["USER"] == db_env["POSTGRES_USER"]
    assert env["PASSWORD"] == db_env["POSTGRES_PASSWORD"]
