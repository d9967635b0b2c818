"""Which category an e-mail is most likely about, learnt from the store's own logged
enquiries (their subjects and notes): TF-IDF over words and word pairs, and a Complement
Naive Bayes model (scikit-learn), which suits short texts in uneven categories and trains
on 100,000 enquiries in seconds (bench/bench_categories.py measures it beside two
baselines). It offers the three most likely categories that are in use now — never a
retired one, never one that no longer exists — with their probabilities, and nothing at
all while the store holds too few logged enquiries to learn from.

scikit-learn is imported when a model is first trained, never at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secdesk.domain import Enquiry, EnquiryCategory

MIN_HISTORY = 200  # logged enquiries before any suggestion is offered
TRAIN_ON = 100_000  # the most recent enquiries a model learns from
RETRAIN_AFTER = 500  # new enquiries since the model was trained
TOP = 3


@dataclass(frozen=True)
class Suggestion:
    category_id: int
    name: str
    probability: float


@dataclass
class Model:
    trained_on: int  # how many enquiries the store held when it was trained
    pipeline: Any = field(repr=False)

    def suggest(self, texts: Sequence[str], active: dict[int, str]) -> list[list[Suggestion]]:
        """Up to three suggestions for each text, most likely first, among ``active``
        categories only (their probabilities scaled to add up to one among them)."""
        if not texts:
            return []
        classes = [int(c) for c in self.pipeline.classes_]
        rows = self.pipeline.predict_proba(list(texts))
        found = []
        for row in rows:
            scored = [(p, c) for p, c in zip(row, classes, strict=True) if c in active]
            total = sum(p for p, _ in scored) or 1.0
            scored.sort(reverse=True)
            found.append(
                [Suggestion(c, active[c], round(float(p / total), 3)) for p, c in scored[:TOP]]
            )
        return found


def text_of(subject: str | None, notes: str | None) -> str:
    return f"{subject or ''}\n{notes or ''}"


def train(session: Session, limit: int = TRAIN_ON) -> Model | None:
    """A model learnt from the most recent ``limit`` enquiries; None with too few."""
    held = session.scalar(select(func.count()).select_from(Enquiry)) or 0
    if held < MIN_HISTORY:
        return None
    rows = session.execute(
        select(Enquiry.subject, Enquiry.notes, Enquiry.category_id)
        .order_by(Enquiry.received_at.desc(), Enquiry.id.desc())
        .limit(limit)
    ).all()
    return fit([text_of(s, n) for s, n, _ in rows], [c for _, _, c in rows], held)


def fit(texts: Sequence[str], labels: Sequence[int], held: int = 0) -> Model | None:
    """A model of ``texts`` labelled with category ids (at least two categories)."""
    if len(set(labels)) < 2:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.naive_bayes import ComplementNB
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(
        TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2, strip_accents="unicode"),
        ComplementNB(alpha=0.3),
    )
    pipeline.fit(list(texts), list(labels))
    return Model(held, pipeline)


def active_categories(session: Session) -> dict[int, str]:
    """The categories an enquiry may be logged in now, by id."""
    rows = session.execute(
        select(EnquiryCategory.id, EnquiryCategory.name)
        .where(EnquiryCategory.retired_at.is_(None))
        .order_by(EnquiryCategory.position)
    )
    return {category_id: name for category_id, name in rows}


class Suggester:
    """One model per store, trained when first needed and again once enough new
    enquiries have been logged (a thread may retrain it while others suggest)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Model | None = None
        self.history = 0  # logged enquiries when last asked

    def suggestions(self, session: Session, texts: Sequence[str]) -> list[list[Suggestion]]:
        """Suggestions for each text; each an empty list while the history is too short."""
        held = session.scalar(select(func.count()).select_from(Enquiry)) or 0
        self.history = held
        with self._lock:
            model = self._model
            if model is None or held - model.trained_on >= RETRAIN_AFTER:
                model = self._model = train(session)
        if model is None:
            return [[] for _ in texts]
        return model.suggest(texts, active_categories(session))
