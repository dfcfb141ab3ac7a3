"""Everything the text tools recognise, as words: extending them means adding words, not code.

`extraction` holds the vocabularies of `analysis.text.extract` (claimants, event and casualty
words, dates, sides); `parsing` those of `analysis.text.parse` (numbers, qualifiers, months,
side names). Both are re-exported here, so `rules.X` names any of them.
"""

from analysis.text.rules.extraction import *  # noqa: F403
from analysis.text.rules.parsing import *  # noqa: F403
