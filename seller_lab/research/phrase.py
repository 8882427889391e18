"""The sentence types of research reasons, :class:`Phrase` and :class:`Months` with
:func:`say` and :func:`said`, live in :mod:`seller_lab.i18n.phrase` (the importers, the
as-of notes and every Decision use them too); this module names them for research code."""

from ..i18n.phrase import Months, Phrase, said, say

__all__ = ["Months", "Phrase", "said", "say"]
