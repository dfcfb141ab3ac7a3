"""Everything the text tools recognise, as words: extending them means adding words, not code.

`extraction` holds the vocabularies of `analysis.text.extract` (claimants, event and casualty
words, dates, sides), `counting` what a number counts and whose losses (not-counts, parts,
background, military or civilian, attackers, places), `parsing` those of `analysis.text.parse`
(numbers, qualifiers, months, side names). All are re-exported here: `rules.X` names any of them.
"""

from analysis.text.rules.counting import *  # noqa: F403
from analysis.text.rules.extraction import *  # noqa: F403
from analysis.text.rules.parsing import *  # noqa: F403
