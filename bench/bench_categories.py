"""How good the category suggestion is, and how fast. Prints figures; asserts nothing.

    python bench/bench_categories.py [--enquiries 120000]

The demo generator's enquiries (secdesk.demo.email_text: several phrasings a category,
generic subjects, second topics, replies) stand in for a real log. The most recent three
months are held out; the model (secdesk.services.category_suggestions) learns from the
100,000 enquiries before them. Beside it, in the same run, two baselines: always the most
frequent category, and keyword rules written from the category names. Then the time to
suggest for one message (median of 200; target under 50 ms) and to retrain on 100,000.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from secdesk.demo.enquiries import enquiry_rows  # noqa: E402
from secdesk.domain.enquiry import DEFAULT_CATEGORIES  # noqa: E402
from secdesk.services.category_suggestions import TRAIN_ON, fit, text_of  # noqa: E402

STOP = {"and", "the", "of", "a", "to", "info"}


def keyword_rules(categories: dict[int, str], fallback: int):
    """A category whose name's words appear in the text; the most frequent otherwise."""
    words = {
        cid: {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in STOP}
        for cid, name in categories.items()
    }
    extra = {  # what a person writing the rules from the names would add
        "Sub-Committees": {"ssc", "tabasc", "committee"},
        "User CIO Assessments": {"fusa", "assessment", "cio"},
        "Party/RDP Signifiers": {"signifier", "eui", "allocation"},
        "Training Days/Seminars": {"training", "seminar", "webinar"},
        "Modifications": {"modification", "proposal"},
    }
    for cid, name in categories.items():
        words[cid] |= extra.get(name, set())

    def guess(text: str) -> list[int]:
        found = set(re.findall(r"[a-z0-9]+", text.lower()))
        scored = sorted(((len(found & w), cid) for cid, w in words.items()), reverse=True)
        ranked = [cid for score, cid in scored if score > 0]
        return [*ranked, fallback][:3]

    return guess


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enquiries", type=int, default=120_000)
    args = parser.parse_args()
    categories = {i + 1: name for i, name in enumerate(DEFAULT_CATEGORIES)}
    today = date(2026, 11, 30)
    rows = list(enquiry_rows(args.enquiries, list(categories.items()), [], seed=2018, today=today))
    cutoff = rows[-1]["received_at"] - timedelta(days=91)
    train = [r for r in rows if r["received_at"] < cutoff][-TRAIN_ON:]
    test = [r for r in rows if r["received_at"] >= cutoff]
    texts = [text_of(r["subject"], r["notes"]) for r in train]
    labels = [r["category_id"] for r in train]

    start = time.perf_counter()
    model = fit(texts, labels, len(train))
    trained = time.perf_counter() - start
    assert model is not None
    test_texts = [text_of(r["subject"], r["notes"]) for r in test]
    truth = [r["category_id"] for r in test]
    ranked = [[s.category_id for s in found] for found in model.suggest(test_texts, categories)]

    most = Counter(labels).most_common(1)[0][0]
    rules = keyword_rules(categories, most)

    def accuracy(guesses: list[list[int]]) -> tuple[float, float]:
        top1 = sum(g[:1] == [t] for g, t in zip(guesses, truth, strict=True)) / len(truth)
        top3 = sum(t in g[:3] for g, t in zip(guesses, truth, strict=True)) / len(truth)
        return top1, top3

    figures = {
        "model (TF-IDF + Complement NB)": accuracy(ranked),
        "baseline: the most frequent": accuracy([[most]] * len(truth)),
        "baseline: keyword rules": accuracy([rules(t) for t in test_texts]),
    }
    print(f"trained on {len(train):,} enquiries, tested on the last 3 months: {len(test):,}")
    for name, (top1, top3) in figures.items():
        print(f"  {name:<32} top-1 {top1:6.1%}   top-3 {top3:6.1%}")
    one = []
    for text in test_texts[:200]:
        begin = time.perf_counter()
        model.suggest([text], categories)
        one.append((time.perf_counter() - begin) * 1000)
    print(f"suggest for one message: median {statistics.median(one):.1f} ms (target < 50 ms)")
    print(f"retrain on {len(train):,} enquiries: {trained:.1f} s")


if __name__ == "__main__":
    main()
