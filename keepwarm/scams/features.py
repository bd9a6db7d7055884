"""Text → features, shared by the training script and inference so the two can never drift.

Plain Python on purpose: inference must not import scikit-learn or numpy (start-up stays fast and a
check is a few dictionary look-ups). Features are the set of word 1-3 grams of the lower-cased text.
"""

import html
import re

TOKEN = re.compile(r"[^\W_]+|[$€£!@%]")
TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
NGRAM_MAX = 3


def plain_text(text: str) -> str:
    """Strip HTML tags and entities when the text looks like HTML (captured postings often are)."""
    if "<" in text and ">" in text:
        text = TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


_last = ("", [])  # (lower-cased text, its tokens): the rules and the model tokenise the same text


def tokens(low: str) -> list[str]:
    """TOKEN.findall(low) for an already lower-cased text, remembered for the next call on the same text."""
    last = _last
    if last[0] is low or last[0] == low:
        return last[1]
    toks = _findall(low)
    globals()["_last"] = (low, toks)  # one tuple assignment: safe to read from other threads
    return toks


def _findall(text: str) -> list[str]:
    """TOKEN.findall(text), a third faster: whitespace never belongs to a token, so the text is cut at it first
    (str.split, in C), and a piece made only of letters and digits (str.isalnum: exactly the characters of
    [^\\W_]) is one token as it stands; only the other pieces go through the regex."""
    out = []
    add, extend, findall = out.append, out.extend, TOKEN.findall
    for piece in text.split():
        if piece.isalnum():
            add(piece)
        else:
            extend(findall(piece))
    return out


def ngrams(text: str) -> set[str]:
    """Unique word 1..3-grams of `text` (already plain text)."""
    toks = TOKEN.findall(text.lower())
    out = set(toks)
    for n in range(2, NGRAM_MAX + 1):
        out.update(" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1))
    return out
