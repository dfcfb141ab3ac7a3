"""The sentences each report states, one module per notebook, computed from the frames the
notebook also charts and tabulates (so a sentence, its table and its chart cannot disagree).

Every function returns text (Markdown) or a frame; nothing here displays anything, so each
sentence is unit-tested with its exact wording (tests/test_findings_*.py).
"""
