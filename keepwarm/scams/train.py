"""Train the posting model: `python -m keepwarm.scams.train DATA.jsonl [-o OUT.json.gz]`.

Trains only on the file given (the shipped model: the DIFrauD `job_scams_validation.jsonl` split,
MIT licence). Never pass `job_scams_test.jsonl`: that split is kept for bench/scam_eval.py.

1. Featurise every posting (features.ngrams) exactly as inference will.
2. Repeated stratified 5-fold cross-validation: in each fold fit vocabulary, idf and a class-weighted
   linear SVM on the training part, then score the held-out part (margin + nearest-fraud similarity).
3. Fit the calibration (a logistic regression over the out-of-fold margin and similarity).
4. Choose the model's thresholds on the out-of-fold probabilities: `likely scam` where F1 is highest,
   `suspicious` where F2 (recall-leaning) is highest. The probability is then rescaled so those
   thresholds land on the fixed verdict lines (0.5 and 0.3) and combined with the red-flag rules
   by noisy-OR (see model.rescale); the rules' weights live on the same scale.
5. Refit on all the data and write the model as gzip JSON, atomically.

scikit-learn and numpy are imported here only; inference never needs them.
"""

import argparse
import datetime as dt
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

from .features import plain_text, ngrams
from .model import FORMAT, FORMAT_VERSION, LIKELY, SHIPPED, PostingModel, write_model

MIN_DF = 2
C = 0.5
REPEATS = 3
FOLDS = 5


def read_jsonl(path: Path) -> tuple[list[str], list[int]]:
    """({"text", "label"} per line) → texts, labels; a bad line is an InputError naming its line and field."""
    from keepwarm.lib.errors import InputError

    texts, labels = [], []
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                record = f"{Path(path).name} line {number}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError("line", line.strip()[:60], f"not JSON ({exc.msg})", record) from None
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise InputError("text", row.get("text") if isinstance(row, dict) else row,
                                     "expected the posting's text", record)
                if row.get("label") not in (0, 1, "0", "1"):
                    raise InputError("label", row.get("label"), "expected 1 (scam) or 0 (legitimate)", record)
                texts.append(row["text"])
                labels.append(int(row["label"]))
    except UnicodeDecodeError:
        raise InputError("data", str(path), "not UTF-8 text") from None
    return texts, labels


def fit(grams: list[set], labels: list[int], *, extra_exemplars: list[set] = (), meta=None) -> dict:
    """Fit vocabulary, idf and the linear SVM; return the model dict (without calibration/thresholds)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.svm import LinearSVC

    n = len(grams)
    df = Counter(g for doc in grams for g in doc)
    terms = sorted(t for t, c in df.items() if c >= MIN_DF)
    index = {t: i for i, t in enumerate(terms)}
    idf = [math.log((n + 1) / (df[t] + 1)) + 1 for t in terms]
    idf_unknown = math.log((n + 1) / 2) + 1

    rows, cols, vals, norms = [], [], [], []
    for r, doc in enumerate(grams):
        known = [index[g] for g in doc if g in index]
        s2 = sum(idf[i] ** 2 for i in known) + (len(doc) - len(known)) * idf_unknown ** 2
        norm = math.sqrt(s2) or 1.0
        norms.append(norm)
        for i in known:
            rows.append(r)
            cols.append(i)
            vals.append(idf[i] / norm)
    X = csr_matrix((vals, (rows, cols)), shape=(n, len(terms)), dtype=np.float64)
    y = np.asarray(labels)
    svm = LinearSVC(C=C, class_weight="balanced", max_iter=20000).fit(X, y)
    coef = svm.coef_.ravel()

    exemplar_docs = [doc for doc, label in zip(grams, labels) if label == 1] + list(extra_exemplars)
    ex_terms, ex_norms = [], []
    for doc in exemplar_docs:
        known = sorted(index[g] for g in doc if g in index)
        s2 = sum(idf[i] ** 2 for i in known) + (len(doc) - len(known)) * idf_unknown ** 2
        ex_terms.append(known)
        ex_norms.append(math.sqrt(s2) or 1.0)
    # Keep the file small: weights rounded; every vocabulary term stays (the norm needs its idf).
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "meta": meta or {},
        "terms": terms,
        "idf": [round(v, 4) for v in idf],
        "coef": [round(float(v), 5) for v in coef],
        "intercept": float(svm.intercept_[0]),
        "idf_unknown": idf_unknown,
        "exemplars": {"terms": ex_terms, "norms": ex_norms},
        "calibration": [1.0, 0.0, 0.0],
        "thresholds": {"model_likely": 0.5, "model_suspicious": 0.3},
    }


def raw_scores(model: dict, texts: list[str]) -> tuple[list[float], list[float]]:
    m = PostingModel(model)
    scores = [m.score(t) for t in texts]
    return [s.margin for s in scores], [s.similarity for s in scores]


def noisy_or(p: float, q: float) -> float:
    return 1.0 - (1.0 - p) * (1.0 - q)


def rescale(p: float, thresholds: dict) -> float:
    from .model import rescale as _rescale

    return _rescale(p, thresholds)


def best_threshold(y, scores, beta: float) -> tuple[float, float]:
    """The threshold maximising F-beta (midpoint between neighbouring scores), and that F-beta."""
    pairs = sorted(zip(scores, y), reverse=True)
    pos = sum(y)
    tp = fp = 0
    best = (0.0, 1.0)
    for k, (s, label) in enumerate(pairs):
        tp += label
        fp += 1 - label
        nxt = pairs[k + 1][0] if k + 1 < len(pairs) else 0.0
        if nxt == s:
            continue
        p, r = tp / (tp + fp), tp / pos
        f = (1 + beta ** 2) * p * r / (beta ** 2 * p + r) if p + r else 0.0
        if f > best[0]:
            best = (f, (s + nxt) / 2)
    return best[1], best[0]


def cross_validate(texts, labels, rule_scores, log=print):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    grams = [ngrams(plain_text(t)) for t in texts]
    y = np.asarray(labels)
    margins, sims, ys, rules = [], [], [], []
    for repeat in range(REPEATS):
        folds = StratifiedKFold(FOLDS, shuffle=True, random_state=repeat).split(np.zeros(len(y)), y)
        for k, (tr, te) in enumerate(folds):
            model = fit([grams[i] for i in tr], [labels[i] for i in tr])
            m, s = raw_scores(model, [texts[i] for i in te])
            margins += m
            sims += s
            ys += [labels[i] for i in te]
            rules += [rule_scores[i] for i in te]
        log(f"  cross-validation repeat {repeat + 1}/{REPEATS} done")
    Z = np.column_stack([margins, sims])
    calib = LogisticRegression(C=1.0).fit(Z, ys)
    a, c = calib.coef_.ravel()
    d = calib.intercept_[0]
    p_model = calib.predict_proba(Z)[:, 1]
    model_likely, _ = best_threshold(ys, p_model, 1.0)
    model_suspicious, _ = best_threshold(ys, p_model, 2.0)
    model_suspicious = min(model_suspicious, model_likely)
    thresholds = {"model_likely": round(float(model_likely), 4),
                  "model_suspicious": round(float(model_suspicious), 4)}
    final = [noisy_or(rescale(p, thresholds), r) for p, r in zip(p_model, rules)]
    pred = [s >= LIKELY for s in final]
    tp = sum(1 for q, t in zip(pred, ys) if q and t)
    f1 = 2 * tp / (sum(pred) + sum(ys)) if tp else 0.0
    cv = {
        "folds": FOLDS, "repeats": REPEATS,
        "pr_auc": round(float(average_precision_score(ys, final)), 4),
        "roc_auc": round(float(roc_auc_score(ys, final)), 4),
        "f1_at_likely": round(f1, 4),
    }
    return [float(a), float(c), float(d)], thresholds, cv


def train(data_path: Path, out: Path, log=print) -> dict:
    from .rules import Context, find_flags, rules_score

    texts, labels = read_jsonl(data_path)
    log(f"{data_path}: {len(texts)} postings, {sum(labels)} fraudulent")
    rule_scores = [rules_score(find_flags(Context(plain_text(t)))) for t in texts]
    calibration, thresholds, cv = cross_validate(texts, labels, rule_scores, log)
    log(f"cross-validated on the training file: {cv}; thresholds {thresholds}")
    digest = hashlib.sha256(data_path.read_bytes()).hexdigest()
    meta = {
        "trained_on": data_path.name, "sha256": digest, "rows": len(texts), "fraudulent": sum(labels),
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "cv": cv,
        "features": "word 1-3 grams, min_df 2, idf, l2; LinearSVC(class_weight=balanced, C=%s)" % C,
    }
    model = fit([ngrams(plain_text(t)) for t in texts], labels, meta=meta)
    model["calibration"] = calibration
    model["thresholds"] = thresholds
    write_model(model, out)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {len(model['terms'])} terms)")
    return model


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Example: python -m keepwarm.scams.train "
                                            "../shared/data/job-scams/job_scams_validation.jsonl")
    parser.add_argument("data", type=Path, help="JSON lines with {'text', 'label'} (1 = fraudulent)")
    parser.add_argument("-o", "--output", type=Path, default=SHIPPED, help=f"default: {SHIPPED}")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"training data not found: {args.data} (expected the DIFrauD job_scams_validation.jsonl; "
              "see shared/data/job-scams/README.md)", file=sys.stderr)
        return 2
    if "test" in args.data.name:
        print(f"refusing to train on {args.data.name}: the test split is for the final report only", file=sys.stderr)
        return 2
    train(args.data, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
