"""The upstream datasets this package reads: one entry per source, in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.sources import genstaff
from analysis.sources.base import SourceResult

Reader = Callable[[Path, Path], SourceResult]  # (snapshot folder, project root) -> rows


@dataclass(frozen=True)
class Upstream:
    """One upstream dataset: who publishes it, under which licence, where its raw files are."""

    id: str
    title: str
    publisher: str
    licence: str
    citation: str
    homepage: str
    raw_urls: tuple[str, ...]  # files `analysis fetch` downloads (HTTPS)
    files: tuple[str, ...]  # names of the files the adapter reads from a snapshot folder
    kind: str  # claim, confirmed_lower_bound or estimate (schema.SERIES_KINDS)
    reader: Reader


UPSTREAMS: dict[str, Upstream] = {}

# --- Ukrainian General Staff daily claims (helper upstream-gs; adapters in sources/genstaff.py) ---
PETROIVANIUK_RAW = (
    "https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data"
)
LOD_DB_RAW = "https://raw.githubusercontent.com/lod-db/orc-losses/main"
UPSTREAMS[genstaff.PETROIVANIUK] = Upstream(
    id=genstaff.PETROIVANIUK,
    title="2022 Russia Ukraine War Dataset: Russian losses claimed by the General Staff of Ukraine",
    publisher="Petro Ivaniuk (from the General Staff of the Armed Forces of Ukraine)",
    licence="MIT",
    citation="Petro Ivaniuk, 2022 Ukraine Russia War Dataset, "
    "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
    homepage="https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
    raw_urls=(
        f"{PETROIVANIUK_RAW}/russia_losses_equipment.json",
        f"{PETROIVANIUK_RAW}/russia_losses_personnel.json",
        f"{PETROIVANIUK_RAW}/russia_losses_equipment_correction.json",
    ),
    files=(
        "russia_losses_equipment.json",
        "russia_losses_personnel.json",
        "russia_losses_equipment_correction.json",
    ),
    kind="claim",
    reader=genstaff.read_petroivaniuk,
)
UPSTREAMS[genstaff.LOD_DB] = Upstream(
    id=genstaff.LOD_DB,
    title="orc-losses: Russian losses in Ukraine as reported by the Ministry of Defence of Ukraine",
    publisher="lod-db (from the Ministry of Defence of Ukraine)",
    licence="MIT",
    citation="lod-db, orc-losses, https://github.com/lod-db/orc-losses",
    homepage="https://github.com/lod-db/orc-losses",
    raw_urls=(
        f"{LOD_DB_RAW}/russian-losses.json",
        f"{LOD_DB_RAW}/schema/russian-losses.en.schema.json",
    ),
    files=(genstaff.LOD_DB_FILE, genstaff.LOD_DB_SCHEMA),
    kind="claim",
    reader=genstaff.read_lod_db,
)
# --- end of General Staff block ---
