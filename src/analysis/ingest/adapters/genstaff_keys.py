"""The raw keys of the General Staff files, per publisher: the one table of spellings (drift and
typos included) mapped to canonical metrics, and the personnel qualifiers (genstaff.py reads them)."""

from __future__ import annotations

from analysis.ingest.adapters.registry import LOD_DB, PETROIVANIUK

# Raw key → canonical metric, per publisher: the one table of spellings (drift included).
METRIC_NAMES: dict[str, dict[str, str]] = {
    PETROIVANIUK: {
        "personnel": "personnel",
        "POW": "pow",
        "aircraft": "aircraft",
        "helicopter": "helicopters",
        "tank": "tanks",
        "APC": "afv",
        "field artillery": "artillery",
        "MRL": "mlrs",
        "drone": "uav",
        "naval ship": "ships",
        "submarines": "submarines",
        "anti-aircraft warfare": "anti_aircraft",
        "BUK": "buk",  # 648217f (2022-03): Buk systems, later no longer reported apart
        "special equipment": "special_equipment",
        "military auto": "military_vehicles",  # until 2022-04-30, then merged ↓
        "fuel tank": "fuel_tanks",  # until 2022-04-30, then merged ↓
        "vehicles and fuel tanks": "vehicles_and_fuel_tanks",
        "mobile SRBM system": "srbm_systems",  # until 2022-04-30, then merged into cruise missiles
        "cruise missiles": "cruise_missiles",
        "ground robotic systems": "ground_robotic_systems",
        "groun d robotic systems": "ground_robotic_systems",  # key typo in 725599e (2026-05)
    },
    LOD_DB: {
        "personnel": "personnel",
        "tanks": "tanks",
        "afvs": "afv",
        "artillery": "artillery",
        "airDefense": "anti_aircraft",
        "rocketSystems": "mlrs",
        "unarmoredVehicles": "vehicles_and_fuel_tanks",
        "fixedWingAircraft": "aircraft",
        "rotaryWingAircraft": "helicopters",
        "rotoryWingAircraft": "helicopters",  # typo until 0eb3c8b (2025-02-08)
        "uavs": "uav",
        "ships": "ships",
        "submarines": "submarines",
        "specialEquipment": "special_equipment",
        "missiles": "cruise_missiles",
    },
}
# Personnel qualifier keys ("*personnel" in 31438c4) and their values → series flag (None = about).
QUALIFIER_KEYS = ("personnel*", "*personnel")
QUALIFIERS: dict[str, str | None] = {
    "about": None,
    "almost": "at_most",
    "more": "at_least",
    "more than": "at_least",
}
IGNORED_KEYS = {PETROIVANIUK: {"greatest losses direction"}, LOD_DB: set()}  # free text
