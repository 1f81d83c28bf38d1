"""Per-repository audit settings from ``.github/ossmatch.toml``, read out of the snapshot.

Maintainers exempt a check that does not fit their project (``[exempt] check-id = "reason"``);
the reason is shown in every report so the exemption stays visible, not silent.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ossmatch.repo_facts import CONFIG_PATH, RepoSnapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class AuditConfig:
    exempt: dict[str, str] = field(default_factory=dict)
    #: Problems found in the file; reported, never fatal.
    warnings: tuple[str, ...] = ()


def parse_config(text: str, known_ids: set[str]) -> AuditConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return AuditConfig(warnings=(f"{CONFIG_PATH} is not valid TOML ({error}); ignored.",))
    table = data.get("exempt", {})
    if not isinstance(table, dict):
        return AuditConfig(warnings=(f"[exempt] in {CONFIG_PATH} must be a table; ignored.",))
    exempt: dict[str, str] = {}
    warnings: list[str] = []
    for check_id, reason in table.items():
        if check_id not in known_ids:
            warnings.append(f"{CONFIG_PATH} exempts unknown check {check_id!r}.")
        elif not isinstance(reason, str) or not reason.strip():
            warnings.append(f"{CONFIG_PATH}: exempting {check_id!r} needs a reason string.")
        else:
            exempt[check_id] = reason.strip()
    return AuditConfig(exempt=exempt, warnings=tuple(warnings))


def load_config(snapshot: RepoSnapshot, known_ids: set[str]) -> AuditConfig:
    """The repository's own config file; organisation defaults do not exempt anything."""
    item = snapshot.file(CONFIG_PATH)
    if item is None or item.source != "repo" or item.text is None:
        return AuditConfig()
    return parse_config(item.text, known_ids)
