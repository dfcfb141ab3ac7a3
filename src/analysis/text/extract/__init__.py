"""News text → candidate ledger rows (exchanges, repatriations, casualty statements) for review.

Deterministic rules over English, Ukrainian and Russian text, one module per step: reading
(text, Markdown, HTML), sentences, dates, figures, claimants and sides, classify, candidates,
document (the whole article) and output. The vocabularies live in `analysis.text.rules`;
numbers, dates and qualifiers are parsed by `analysis.text.parse`. What it can and cannot do is
documented in docs/extract.md.
"""

from __future__ import annotations

from analysis.ingest.adapters.ledger import CLAIM_COLUMNS, EVENT_COLUMNS
from analysis.text.extract.candidates import Candidate
from analysis.text.extract.document import extract
from analysis.text.extract.figures import find_figures
from analysis.text.extract.output import COLUMNS, write_candidates
from analysis.text.extract.reading import parse_article, read_input

__all__ = [
    "CLAIM_COLUMNS",
    "COLUMNS",
    "EVENT_COLUMNS",
    "Candidate",
    "extract",
    "find_figures",
    "parse_article",
    "read_input",
    "write_candidates",
]
