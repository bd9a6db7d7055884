"""The posting model at inference time: plain Python over exported weights, loaded lazily.

The model file is gzip-compressed JSON (it cannot run code when loaded, unlike a pickle):
vocabulary of word 1-3 grams with their idf and linear weight, the fraud exemplars used for the
nearest-neighbour score, the calibration (stacking) coefficients and the verdict thresholds.

Scoring a text, step by step:
1. take its unique word 1-3 grams (features.ngrams);
2. x = idf / ‖idf‖ over all its n-grams (unknown n-grams get the idf of a rare term);
3. margin = w·x + b (a linear SVM trained by train.py);
4. similarity = the highest cosine between x and a known fraudulent posting (catches re-posted scams);
5. p = sigmoid(a·margin + c·similarity + d), a calibration fitted on cross-validated scores.
"""

import gzip
import json
import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from .features import ngrams
from .vector import Vocabulary

FORMAT = "keepwarm-scam-model"
FORMAT_VERSION = 1
SHIPPED = Path(__file__).with_name("data") / "posting_model.json.gz"

# The verdict lines on the combined score. The model's own thresholds (chosen by cross-validation)
# are mapped onto these, so a rule of weight 0.5 alone means "likely scam" and 0.3 "suspicious".
LIKELY = 0.5
SUSPICIOUS = 0.3

_lock = threading.Lock()
_cache: dict = {}


class ModelError(Exception):
    pass


@dataclass
class Score:
    probability: float
    margin: float
    similarity: float
    top_terms: list


class PostingModel:
    def __init__(self, data: dict, path: Path | None = None):
        if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
            raise ModelError(f"{path}: not a {FORMAT} v{FORMAT_VERSION} file")
        self.path = path
        self.meta = data.get("meta", {})
        self.thresholds = data["thresholds"]
        self.intercept = float(data["intercept"])
        self.calibration = data["calibration"]  # [a, c, d]
        self.idf_unknown2 = float(data["idf_unknown"]) ** 2
        exemplar_terms = data["exemplars"]["terms"]
        self.exemplar_norms = data["exemplars"]["norms"]
        self.exemplar_labels = data["exemplars"].get("labels", ["fraud"] * len(exemplar_terms))
        # Per term: idf², idf·weight and its row in the exemplar matrix (-1 when in no exemplar), held as
        # arrays aligned with the vocabulary's sorted integer keys (see vector.py).
        import numpy as np

        in_exemplars = sorted({i for idxs in exemplar_terms for i in idxs})
        row_of = np.full(len(data["terms"]), -1, dtype=np.int64)
        row_of[in_exemplars] = np.arange(len(in_exemplars))
        idf_arr = np.asarray(data["idf"], dtype=np.float64)
        coef_arr = np.asarray(data["coef"], dtype=np.float64)
        self.vocab = Vocabulary(data["terms"], {"idf2": idf_arr ** 2, "w": idf_arr * coef_arr, "row": row_of})
        self.terms = data["terms"]
        self._string_pos = None  # term → sorted position, built only for texts too large for integer keys
        # Exemplar matrix: one row per term found in some exemplar, one column per exemplar, value idf²
        # where the exemplar has the term; a cosine is then one gather and one sum.
        self._np = np
        exemplars = np.zeros((len(in_exemplars) + 1, max(len(exemplar_terms), 1)), dtype=np.float32)
        for j, idxs in enumerate(exemplar_terms):
            exemplars[row_of[idxs], j] = idf_arr[idxs] ** 2
        # Held as float64 (the float32 values exactly): the row sums then need no conversion per check.
        self.exemplars = exemplars.astype(np.float64)
        self.exemplar_inv_norms = 1.0 / np.maximum(np.asarray(self.exemplar_norms or [1.0], dtype=np.float64), 1e-9)

    @classmethod
    def load(cls, path: Path) -> "PostingModel":
        try:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as exc:
            raise ModelError(f"{path}: cannot read the scam model: {exc}") from exc
        return cls(data, path)

    def _lookup(self, text: str):
        found = self.vocab.lookup(text)
        if found is not None:
            return found
        # Fallback for gigantic texts (over a million distinct unknown words): n-gram strings and a dict.
        if self._string_pos is None:
            self._string_pos = {self.terms[i]: k for k, i in enumerate(self.vocab.order)}
        grams = ngrams(text)
        known = [self._string_pos[g] for g in grams if g in self._string_pos]
        return self._np.asarray(known, dtype=self._np.int64), len(grams) - len(known)

    def score(self, text: str, *, explain: bool = False) -> Score:
        np = self._np
        known, n_unknown = self._lookup(text)
        if not len(known) and not n_unknown:
            return Score(0.0, 0.0, 0.0, [])
        # take: a plain gather, about twice as fast as fancy indexing; add.reduce and maximum.reduce are what
        # .sum() and .max() call, without their Python wrappers (a few µs each, on every check).
        cols = self.vocab.columns
        w = cols["w"].take(known)
        norm = math.sqrt(float(np.add.reduce(cols["idf2"].take(known))) + n_unknown * self.idf_unknown2)
        margin = float(np.add.reduce(w)) / norm + self.intercept
        similarity = 0.0
        rows = cols["row"].take(known)
        rows = rows[rows >= 0]
        if len(rows) and self.exemplar_norms:
            shared = np.add.reduce(self.exemplars.take(rows, axis=0), axis=0)
            similarity = float(np.maximum.reduce(shared * self.exemplar_inv_norms) / norm)
        a, c, d = self.calibration
        z = a * margin + c * similarity + d
        p = 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0
        top = self._top_terms(known, w) if explain else []
        return Score(p, margin, similarity, top)

    def _top_terms(self, known, w, k: int = 6) -> list[str]:
        """The k n-grams adding most to the margin (positive weight), largest first, ties by the term."""
        positive = w > 0
        if not positive.any():
            return []
        known, w = known[positive], w[positive]
        if len(w) > k:
            cut = self._np.partition(w, len(w) - k)[len(w) - k]
            keep = w >= cut  # ties at the cut stay in, so the sort below decides them as before
            known, w = known[keep], w[keep]
        order = self.vocab.order
        hits = [(v, self.terms[i]) for v, i in zip(w.tolist(), order[known].tolist())]
        return [g for _, g in sorted(hits, reverse=True)[:k]]


def rescale(p: float, thresholds: dict) -> float:
    """Map a calibrated probability piecewise-linearly so the model's thresholds land on LIKELY and SUSPICIOUS."""
    ts, tl = thresholds["model_suspicious"], thresholds["model_likely"]
    if p <= ts:
        return SUSPICIOUS * p / ts if ts > 0 else SUSPICIOUS
    if p <= tl:
        return SUSPICIOUS + (LIKELY - SUSPICIOUS) * (p - ts) / (tl - ts) if tl > ts else LIKELY
    return LIKELY + (1 - LIKELY) * (p - tl) / (1 - tl) if tl < 1 else 1.0


def user_model_path(user_id) -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / "scams" / f"posting_model-user{user_id}.json.gz"


def get_model(path: Path | None = None) -> PostingModel:
    """The model at `path` (default: the shipped one), loaded once and reloaded when the file changes."""
    if path is None:
        hit = _cache.get(SHIPPED)
        if hit:  # the packaged file does not change under a running process: skip the stat per check
            return hit[1]
    path = Path(path or SHIPPED)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise ModelError(f"{path}: no scam model there") from exc
    with _lock:
        hit = _cache.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
        model = PostingModel.load(path)
        _cache[path] = (mtime, model)
        return model


def model_for_user(user_id=None) -> PostingModel:
    """The user's retrained model when there is one, else the shipped model."""
    if user_id is not None:
        path = user_model_path(user_id)
        if path.exists():
            try:
                return get_model(path)
            except ModelError:
                pass  # a broken user model must not stop checks: fall back to the shipped one
    return get_model(SHIPPED)


def write_model(data: dict, path: Path) -> None:
    """Write atomically: a temporary file in the same directory, fsync, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                gz.write(json.dumps(data, separators=(",", ":")).encode("utf-8"))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
