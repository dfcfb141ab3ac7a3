"""The data release: what users who never open a notebook take away.

summary.py   latest figures at a glance (`summary.json`, written by every ingest)
sqlite.py    every processed table in one SQLite file, with views for the headline figures
archive.py   `analysis release`: a dated, checksummed archive with its release notes
"""

CREDIT = "Data: war-toll-analysis ledger (CC BY 4.0), compiled from the sources named for each figure."
