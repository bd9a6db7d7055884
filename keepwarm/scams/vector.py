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
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.order = order  # sorted position → index in the original term list
        self.columns = {name: np.asarray(col)[order] for name, col in columns.items()}

    def lookup(self, text: str):
        """(positions of the text's known unique n-grams in the sorted vocabulary, count of unknown unique ones),
        or None when the text is too large for integer keys (the caller falls back to strings)."""
        toks = tokens(text.lower())
        if not toks:
            return np.empty(0, dtype=np.int64), 0
        get = self.token_id.get
        unknown: dict[str, int] = {}
        first_unknown = len(self.token_id)
        ids = [get(t) for t in toks]
        if None in ids:
            for k, tid in enumerate(ids):
                if tid is None:
                    ids[k] = unknown.setdefault(toks[k], first_unknown + len(unknown))
        if first_unknown + len(unknown) >= BASE - 1:
            return None
        a = np.asarray(ids, dtype=np.int64) + 1
        parts = [a]
        key = a
        for n in range(2, NGRAM_MAX + 1):
            if len(a) < n:
                break
            key = key[:-1] * BASE + a[n - 1:]
            parts.append(key)
        grams = np.sort(np.concatenate(parts))  # sort + neighbour test: ~4x faster than np.unique's hashing here
        grams = grams[np.concatenate(([True], grams[1:] != grams[:-1]))]
        pos = np.searchsorted(self.keys, grams)
        pos[pos >= len(self.keys)] = 0
        known = pos[self.keys[pos] == grams]
        return known, len(grams) - len(known)
