"""News text → ledger: parsing (numbers, dates, sides), extraction rules, review and verification."""
