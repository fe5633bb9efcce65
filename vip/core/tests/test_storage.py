"""The production static files storage keeps the addresses it has worked out."""

from __future__ import annotations

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from vip.core.storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    manifest = {"paths": {"build/vip.css": "build/vip.0123abcd.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_an_address_is_worked_out_once_and_is_the_manifests(storage, monkeypatch):
    calls = []
    original = CompressedManifestStaticFilesStorage.url

    def counted(self, name, force=False):
        calls.append(name)
        return original(self, name, force)

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", counted)
    assert storage.url("build/vip.css") == "/static/build/vip.0123abcd.css"
    assert storage.url("build/vip.css") == "/static/build/vip.0123abcd.css"
    assert calls == ["build/vip.css"]


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("build/missing.css")
