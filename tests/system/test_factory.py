"""The app factory and configuration."""
import os
import stat

from journal import create_app
from journal.config import from_environment


def test_testing_config_is_applied(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret"


def test_secret_key_is_generated_once_and_kept_private(tmp_path, database_url, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path)}
    first = create_app(config).config["SECRET_KEY"]
    second = create_app(config).config["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_secret_key_from_the_environment_wins(tmp_path, database_url, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    app = create_app({"DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_defaults_use_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "JOURNAL_ENV"):
        monkeypatch.delenv(name, raising=False)
    config = from_environment(str(tmp_path))
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path}/journal.sqlite3"
    assert config["SESSION_COOKIE_SECURE"] is False


def test_production_mode_makes_cookies_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("JOURNAL_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.internal/journal")
    config = from_environment(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["DATABASE_URL"] == "postgresql://db.internal/journal"


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_app_py_only_builds_the_app():
    source = open(os.path.join(os.path.dirname(__file__), "..", "..", "app.py")).read()
    code = [line for line in source.splitlines() if line and not line.startswith(('"""', "#"))]
    assert code == ["from journal import create_app", "app = create_app()"]
