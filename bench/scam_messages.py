"""Scam shield on labelled messages: `python bench/scam_messages.py DIR [DIR ...] [--items]`.

Each DIR holds `labels.jsonl` ({"file", "label": 1 scam / 0 legitimate, "style"} per line) and the messages in
`DIR/items/` (raw RFC 822 e-mails or plain texts of SMS / chat messages). Every message is checked as
`keepwarm check FILE --kind message` would; printed per DIR: how many scams and legitimate messages got each
verdict, and precision / recall / F1 of "likely scam" and of "flagged at all".

The sets used for issue 5 were written by hand for this purpose (not committed: they are made-up messages, not
data); any folder in this shape works, e.g. a career centre's own reported scams.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VERDICTS = ("likely scam", "suspicious", "no red flags found")


def evaluate(folder: Path, show_items: bool = False) -> dict:
    from keepwarm.scams.checks import check

    rows = [json.loads(line) for line in (folder / "labels.jsonl").open(encoding="utf-8") if line.strip()]
    counts = {(label, v): 0 for label in (0, 1) for v in VERDICTS}
    for row in rows:
        result = check((folder / "items" / row["file"]).read_bytes(), kind="message")
        counts[(int(row["label"]), result.verdict)] += 1
        if show_items:
            print(f"  {row['label']} {result.verdict:18} {result.score:.2f} {row['file']} "
                  f"{[r['flag'] for r in result.reasons]}")
    return counts


def prf(tp: int, fp: int, positives: int) -> str:
    p, r = tp / max(tp + fp, 1), tp / max(positives, 1)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if tp else 0.0:.3f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--items", action="store_true", help="Print each message's verdict and flags.")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "keepwarm.settings")
    import django

    django.setup()
    status = 0
    for folder in args.dirs:
        if not (folder / "labels.jsonl").is_file():
            print(f"{folder}: no labels.jsonl here; nothing measured", file=sys.stderr)
            status = 2
            continue
        c = evaluate(folder, args.items)
        scams, legit = sum(c[(1, v)] for v in VERDICTS), sum(c[(0, v)] for v in VERDICTS)
        print(f"{folder}: {scams} scams, {legit} legitimate")
        for label, name in ((1, "scams"), (0, "legitimate")):
            print(f"  {name:11} " + "  ".join(f"{v} {c[(label, v)]}" for v in VERDICTS))
        likely = c[(1, "likely scam")], c[(0, "likely scam")]
        flagged = likely[0] + c[(1, "suspicious")], likely[1] + c[(0, "suspicious")]
        print(f"  likely scam: {prf(*likely, scams)}    flagged at all: {prf(*flagged, scams)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
