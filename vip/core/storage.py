"""The static files storage of production: WhiteNoise's, with each address worked out once.

Every page asks for the same half-dozen static addresses (style sheet, scripts, icons),
and the manifest storage works each one out anew (about 25 microseconds each). The
manifest is read once, when the storage is made, and is not read again while the
process runs, so neither do the addresses change.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force)
        found = self._addresses.get(name)
        if found is None:
            # A missing file raises here, as before, and nothing is kept.
            found = self._addresses[name] = super().url(name)
        return found
