"""The user's settings file (JSON in the config dir). It never holds a password: those live
in the OS keyring (secdesk.store.credentials)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from secdesk.errors import ConfigurationError
from secdesk.files import replaced_atomically
from secdesk.store import paths


@dataclass
class Settings:
    store_url: str | None = None
    publish_folder: str | None = None

    @classmethod
    def path(cls) -> Path:
        return paths.config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        path = cls.path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise ConfigurationError(
                f"the settings file {path} cannot be read ({exc}); fix or delete it"
            ) from None
        known = {f.name for f in fields(cls)}
        if not isinstance(raw, dict):
            raise ConfigurationError(
                f"the settings file {path} holds {type(raw).__name__} data where secdesk "
                'expects {"store_url": …, "publish_folder": …}; fix or delete it'
            )
        for key in known & raw.keys():
            if raw[key] is not None and not isinstance(raw[key], str):
                raise ConfigurationError(
                    f"the settings file {path} gives {key} as {raw[key]!r}; it must be text "
                    "in quotes (or null); fix or delete it"
                )
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self) -> None:
        path = self.path()
        # Never a half-written settings file, whatever happens while saving.
        with replaced_atomically(path) as temporary:
            temporary.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
