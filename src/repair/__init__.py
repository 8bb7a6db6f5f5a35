"""repair: find and fix the damage OCR and machine translation leave in articles.

>>> from repair import Repairer
>>> result = Repairer().repair("The cornpany said so.")
>>> result.text
'The company said so.'
"""

from .errors import LexiconError, RepairError, ResourceError
from .lexicon import Lexicon, load_lexicon
from .model import Edit, Family, Flag, Result, apply_edits
from .repairer import Repairer, fix_text, repair

__all__ = [
    "Edit",
    "Family",
    "Flag",
    "Lexicon",
    "LexiconError",
    "RepairError",
    "Repairer",
    "ResourceError",
    "Result",
    "apply_edits",
    "fix_text",
    "load_lexicon",
    "repair",
]
__version__ = "0.1.0"
