"""Vectorised look-up of a text's word 1-3 grams in the model's vocabulary (numpy, no string joins).

Why: building every n-gram as a Python string and looking each up in a dict cost ~1 ms per posting,
most of a check. Here each token is looked up once (token → integer id), n-grams become integer keys
(id₁·B² + id₂·B + id₃) built by numpy, and the vocabulary is a sorted key array searched with
`searchsorted`. Tokens the model never saw get fresh ids per text, so distinct unknown n-grams still
count once each in the norm, exactly as the set of strings in features.ngrams did.
"""

import numpy as np

from .features import NGRAM_MAX, tokens

BITS = 20
BASE = 1 << BITS  # token ids < 2**20, so a trigram key < 2**60 fits in int64


class Vocabulary:
    """The model's terms as sorted integer keys, with per-term values aligned to the sorted order."""

    def __init__(self, terms: list[str], columns: dict[str, np.ndarray]):
        self.token_id: dict[str, int] = {}
        keys = np.empty(len(terms), dtype=np.int64)
        for i, term in enumerate(terms):
            key = 0
            for tok in term.split(" "):
                tid = self.token_id.setdefault(tok, len(self.token_id))
                key = key * BASE + tid + 1  # +1: no n-gram key collides with a shorter one
            keys[i] = key
        if len(self.token_id) >= BASE // 2:
            raise ValueError("vocabulary too large for integer n-gram keys")
        if NGRAM_MAX > 3:
            raise ValueError("integer n-gram keys hold at most 3 tokens")
        self.token_key = {tok: tid + 1 for tok, tid in self.token_id.items()}
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self._keys_end = np.append(self.keys, np.iinfo(np.int64).max)  # no n-gram key reaches 2**63 - 1
        self.order = order  # sorted position → index in the original term list
        self.columns = {name: np.asarray(col)[order] for name, col in columns.items()}

    def lookup(self, text: str):
        """(positions of the text's known unique n-grams in the sorted vocabulary, count of unknown unique ones),
        or None when the text is too large for integer keys (the caller falls back to strings)."""
        toks = tokens(text.lower())
        if not toks:
            return np.empty(0, dtype=np.int64), 0
        ids = list(map(self.token_key.get, toks))  # token id + 1 (0 is kept free, see __init__)
        if None in ids:  # unknown tokens: fresh ids, one per distinct token, in order of first appearance
            unknown: dict[str, int] = {}
            first_unknown = len(self.token_id) + 1
            for k, tid in enumerate(ids):
                if tid is None:
                    tok = toks[k]
                    tid = unknown.get(tok)
                    if tid is None:
                        tid = unknown[tok] = first_unknown + len(unknown)
                    ids[k] = tid
            if first_unknown + len(unknown) >= BASE:
                return None
        a = np.array(ids, dtype=np.int64)
        n = len(a)
        # All 1..NGRAM_MAX-gram keys written into one array (no list of parts to concatenate).
        grams = np.empty(sum(max(n - k, 0) for k in range(NGRAM_MAX)), dtype=np.int64)
        grams[:n] = a
        key, at = a, n
        for k in range(1, NGRAM_MAX):
            if n <= k:
                break
            key = key[:-1] * BASE + a[k:]
            grams[at:at + n - k] = key
            at += n - k
        grams.sort()  # sort + neighbour test: ~4x faster than np.unique's hashing here
        first = np.empty(len(grams), dtype=bool)
        first[0] = True
        np.not_equal(grams[1:], grams[:-1], out=first[1:])
        grams = grams[first]
        keys = self._keys_end  # the keys and a sentinel above them: every position found can be read
        pos = keys.searchsorted(grams)
        known = pos[keys.take(pos) == grams]
        return known, len(grams) - len(known)
