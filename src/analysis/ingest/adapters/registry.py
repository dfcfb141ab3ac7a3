"""The upstream datasets this package reads: one entry per source, metadata only.

A leaf: it imports nothing of the package. `upstream.READERS` pairs each id with its adapter, and
`upstream.read_upstream` writes each entry's `sources` row (label, licence and citation included).
"""

from __future__ import annotations

from dataclasses import dataclass

PETROIVANIUK = "petroivaniuk_genstaff"
LOD_DB = "lod_db_orc_losses"
SCARNECCHIA = "oryx_scarnecchia"
MAUFORONDA = "oryx_mauforonda_log"
BESSUDNOV = "bbc_mediazona_bessudnov"
UKRWARLOSSES = "ukrwarlosses_name_counts"


@dataclass(frozen=True)
class Upstream:
    """One upstream dataset: who publishes it, under which licence, where its raw files are."""

    id: str
    label: str  # short reader-facing name: who the figures come from (chart titles)
    title: str
    publisher: str
    licence: str
    citation: str
    homepage: str
    raw_urls: tuple[str, ...]  # files `analysis fetch` downloads (HTTPS)


PETROIVANIUK_RAW = (
    "https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data"
)
LOD_DB_RAW = "https://raw.githubusercontent.com/lod-db/orc-losses/main"
SCARNECCHIA_RAW = "https://raw.githubusercontent.com/scarnecchia/oryx_data/main"
SCARNECCHIA_FILES = ("daily_count.csv", *(f"event_{s}.csv" for s in
                     ("destroyed", "damaged", "abandoned", "captured")))  # fmt: skip
UKRWARLOSSES_RAW = "https://raw.githubusercontent.com/ukrainewarlosses/ukrwarlosses/main/src/data"
UKRWARLOSSES_FILES = (
    "russia/daily_2025-11-08.json",
    "russia/weekly_2025-11-08.json",
    "russia/monthly_2025-11-08.json",
    "russia/monthly_2025-08-21.json",
    "russia/monthly-raw_2025-08-20.json",
    "ukraine/daily-raw_2025-11-08.json",
    "ukraine/daily-deduplicated_2025-11-08.json",
    "ukraine/daily-raw_2025-09-01.json",
    "ukraine/weekly-raw_2025-11-08.json",
    "ukraine/monthly-raw_2025-11-08.json",
    "ukraine/monthly-deduplicated_2025-11-08.json",
    "ukraine/monthly-raw_2025-08-21.json",
)

UPSTREAMS: dict[str, Upstream] = {
    entry.id: entry
    for entry in (
        Upstream(
            id=PETROIVANIUK,
            label="General Staff of the Armed Forces of Ukraine",
            title="2022 Russia Ukraine War Dataset: Russian losses claimed by the General Staff of Ukraine",
            publisher="Petro Ivaniuk (from the General Staff of the Armed Forces of Ukraine)",
            licence="MIT",
            citation="Petro Ivaniuk, 2022 Ukraine Russia War Dataset, "
            "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
            homepage="https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
            raw_urls=tuple(f"{PETROIVANIUK_RAW}/russia_losses_{name}.json"
                           for name in ("equipment", "personnel", "equipment_correction")),
        ),
        Upstream(
            id=LOD_DB,
            label="Ministry of Defence of Ukraine",
            title="orc-losses: Russian losses in Ukraine as reported by the Ministry of Defence of Ukraine",
            publisher="lod-db (from the Ministry of Defence of Ukraine)",
            licence="MIT",
            citation="lod-db, orc-losses, https://github.com/lod-db/orc-losses",
            homepage="https://github.com/lod-db/orc-losses",
            raw_urls=(f"{LOD_DB_RAW}/russian-losses.json",
                      f"{LOD_DB_RAW}/schema/russian-losses.en.schema.json"),
        ),
        Upstream(
            id=SCARNECCHIA,
            label="Oryx",
            title="Oryx visually confirmed equipment losses, both sides (scraped running totals and item lists)",
            publisher="Oryx (oryxspioenkop.com), scraped by scarnecchia/oryx_data",
            licence="CC BY 4.0",
            citation="Scarnecchia, oryx_data (GitHub), from Oryx: Attack On Europe: Documenting "
            "Equipment Losses During The 2022 Russian Invasion Of Ukraine",
            homepage="https://github.com/scarnecchia/oryx_data",
            raw_urls=tuple(f"{SCARNECCHIA_RAW}/{name}" for name in SCARNECCHIA_FILES),
        ),
        Upstream(
            id=MAUFORONDA,
            label="Oryx",
            title="Oryx equipment losses: change log of the Oryx page (timestamped deltas)",
            publisher="Oryx (oryxspioenkop.com), scraped by mauforonda/ukraine",
            licence="none stated (third-party data; internal use)",
            citation="mauforonda/ukraine (GitHub), log.csv, from the Oryx equipment-loss page",
            homepage="https://github.com/mauforonda/ukraine",
            raw_urls=("https://raw.githubusercontent.com/mauforonda/ukraine/master/log.csv",),
        ),
        Upstream(
            id=BESSUDNOV,
            label="BBC News Russian and Mediazona volunteers",
            title="Named Russian military dead (BBC News Russian / Mediazona list), anonymised "
            "research extract, counted by date the death was confirmed",
            publisher="BBC News Russian and Mediazona volunteers; extract by A. Bessudnov",
            licence="none stated (research replication data; cite the paper)",
            citation="Bessudnov, A. (2023). Ethnic and regional inequalities in the Russian military "
            "fatalities in Ukraine. SocArXiv, doi:10.31235/osf.io/s43yf",
            homepage="https://github.com/abessudnov/ruCasualtiesPublic",
            raw_urls=("https://raw.githubusercontent.com/abessudnov/ruCasualtiesPublic/main/dfFatalitiesAnonymised.csv",),
        ),
        Upstream(
            id=UKRWARLOSSES,
            label="ukrainewarlosses.org",
            title="Name-based death counts by date, Ukraine and Russia, as aggregated by "
            "ukrainewarlosses.org (Ukrainian counts likely from lostarmour.info, not UALosses)",
            publisher="ukrainewarlosses.org; Ukrainian names: lostarmour.info/ukr200 per its totals "
            "file (README says UALosses); Russian names: Mediazona list per README",
            licence="MIT (repository); counts from third parties",
            citation="ukrainewarlosses/ukrwarlosses (GitHub), src/data/<side>/*.json",
            homepage="https://github.com/ukrainewarlosses/ukrwarlosses",
            raw_urls=tuple(f"{UKRWARLOSSES_RAW}/{name}" for name in UKRWARLOSSES_FILES),
        ),
    )
}  # fmt: skip
