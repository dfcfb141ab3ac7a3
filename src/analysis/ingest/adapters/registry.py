"""The upstream datasets this package reads: one entry per source, in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.ingest.adapters import genstaff, named_dead, oryx
from analysis.ingest.adapters.base import SourceResult

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

# --- Oryx equipment losses and named-dead tallies (branch upstream-oryx) -------------------------

UPSTREAMS.update({
    oryx.SCARNECCHIA: Upstream(
        id=oryx.SCARNECCHIA,
        title="Oryx visually confirmed equipment losses, both sides (scraped running totals and item lists)",
        publisher="Oryx (oryxspioenkop.com), scraped by scarnecchia/oryx_data",
        licence="CC BY 4.0",
        citation="Scarnecchia, oryx_data (GitHub), from Oryx: Attack On Europe: Documenting "
        "Equipment Losses During The 2022 Russian Invasion Of Ukraine",
        homepage="https://github.com/scarnecchia/oryx_data",
        raw_urls=tuple(
            f"https://raw.githubusercontent.com/scarnecchia/oryx_data/main/{name}"
            for name in oryx.SCARNECCHIA_FILES
        ),
        files=oryx.SCARNECCHIA_FILES,
        kind="confirmed_lower_bound",
        reader=oryx.read_scarnecchia,
    ),
    oryx.MAUFORONDA: Upstream(
        id=oryx.MAUFORONDA,
        title="Oryx equipment losses: change log of the Oryx page (timestamped deltas)",
        publisher="Oryx (oryxspioenkop.com), scraped by mauforonda/ukraine",
        licence="none stated (third-party data; internal use)",
        citation="mauforonda/ukraine (GitHub), log.csv, from the Oryx equipment-loss page",
        homepage="https://github.com/mauforonda/ukraine",
        raw_urls=("https://raw.githubusercontent.com/mauforonda/ukraine/master/log.csv",),
        files=oryx.MAUFORONDA_FILES,
        kind="confirmed_lower_bound",
        reader=oryx.read_mauforonda,
    ),
    named_dead.BESSUDNOV: Upstream(
        id=named_dead.BESSUDNOV,
        title="Named Russian military dead (BBC News Russian / Mediazona list), anonymised "
        "research extract, counted by date the death was confirmed",
        publisher="BBC News Russian and Mediazona volunteers; extract by A. Bessudnov",
        licence="none stated (research replication data; cite the paper)",
        citation="Bessudnov, A. (2023). Ethnic and regional inequalities in the Russian military "
        "fatalities in Ukraine. SocArXiv, doi:10.31235/osf.io/s43yf",
        homepage="https://github.com/abessudnov/ruCasualtiesPublic",
        raw_urls=(
            "https://raw.githubusercontent.com/abessudnov/ruCasualtiesPublic/main/dfFatalitiesAnonymised.csv",
        ),
        files=named_dead.BESSUDNOV_FILES,
        kind="confirmed_lower_bound",
        reader=named_dead.read_bessudnov,
    ),
    named_dead.UKRWARLOSSES: Upstream(
        id=named_dead.UKRWARLOSSES,
        title="Name-based death counts by date, Ukraine and Russia, as aggregated by "
        "ukrainewarlosses.org (Ukrainian counts likely from lostarmour.info, not UALosses)",
        publisher="ukrainewarlosses.org; Ukrainian names: lostarmour.info/ukr200 per its totals "
        "file (README says UALosses); Russian names: Mediazona list per README",
        licence="MIT (repository); counts from third parties",
        citation="ukrainewarlosses/ukrwarlosses (GitHub), src/data/<side>/*.json",
        homepage="https://github.com/ukrainewarlosses/ukrwarlosses",
        raw_urls=tuple(
            f"https://raw.githubusercontent.com/ukrainewarlosses/ukrwarlosses/main/src/data/"
            f"{name.replace('__', '/')}"
            for name in named_dead.UKRWARLOSSES_FILES
        ),
        files=named_dead.UKRWARLOSSES_FILES,
        kind="confirmed_lower_bound",
        reader=named_dead.read_ukrwarlosses,
    ),
})  # fmt: skip
