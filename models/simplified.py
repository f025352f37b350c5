"""Traditional Chinese typed where the program keeps simplified: 萬戶, 個工作日, 區法院, 壹仟貳佰.

Reports from some districts, and filers on traditional-character input methods, write figures,
units and names in traditional characters.  OpenCC's t2s table (characters and phrases) turns
them into the simplified forms the parser and the catalog know; a hand-written table would miss
most of them.
"""

from __future__ import annotations

import re
from functools import cache

# Half a surrogate pair (bytes that were not UTF-8) cannot be handed to OpenCC; such text is
# refused by its reader, with the character named.
_SURROGATE = re.compile("[\ud800-\udfff]")


def simplified(text: str) -> str:
    """``text`` with traditional characters turned simplified; everything else kept as it is."""
    if text.isascii() or _SURROGATE.search(text):
        return text
    return _t2s().convert(text)


@cache
def _t2s():
    """The converter, built on first use: importing and loading it costs about 15 ms at start-up."""
    import opencc

    return opencc.OpenCC("t2s")
