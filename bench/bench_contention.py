"""Several people at once, and crashes: counts, not timings. Prints figures; asserts nothing.

    python bench/bench_contention.py [--edits 1000] [--kills 100]
    SECDESK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1/test \\
        python bench/bench_contention.py        # and on PostgreSQL (a scratch database)

On each store:
- 2 and 4 processes each make --edits saves of one Party, each as the window does (read
  the record, then save it under that version): attempts, saves, conflicts (the merge
  dialog would show), any other error (target 0), lost updates (target 0: the version
  rose by exactly the number of saves) and audit entries (target: one per save);
- 4 processes allocate ID ranges at once, each proposing the next free range and then
  saving it: allocations, "that range was just taken" (the only refusal expected),
  other errors (target 0) and overlapping ranges in the store (target 0);
- --kills publishes of a changed register, each killed at a random moment: after the
  next start, the folder holds the latest publication the store calls Published (target:
  every time), with nothing left Pending.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("SECDESK_HOME", tempfile.mkdtemp(prefix="secdesk-bench-"))


# ---- the workers, each in its own process ------------------------------------------------


def _editor(url: str, party_id: int, worker: int, edits: int) -> dict[str, int]:
    from sqlalchemy.engine import make_url

    from secdesk.domain import Party
    from secdesk.errors import ConflictError
    from secdesk.services import parties
    from secdesk.store.engine import Store

    store = Store(make_url(url), user=f"worker{worker}")
    counts: Counter[str] = Counter()
    for i in range(edits):
        counts["attempts"] += 1
        try:
            with store.session() as session:
                version = session.get(Party, party_id).version
            with store.unit_of_work() as session:
                email = f"w{worker}-{i}@contention.example"
                parties.update_party(session, party_id, {"notices_email": email}, version)
            counts["saves"] += 1
        except ConflictError:
            counts["conflicts"] += 1
        except Exception as exc:
            counts[f"error: {type(exc).__name__}: {str(exc)[:80]}"] += 1
    store.dispose()
    return dict(counts)


def _allocator(url: str, holder: int, worker: int, tries: int) -> dict[str, int]:
    from sqlalchemy.engine import make_url

    from secdesk.errors import DuplicateError
    from secdesk.services import allocations
    from secdesk.store.engine import Store

    store = Store(make_url(url), user=f"worker{worker}")
    counts: Counter[str] = Counter()
    for i in range(tries):
        try:
            with store.session() as session:  # the editor proposes the next free range…
                proposal = allocations.propose_allocation(session)
            with store.unit_of_work() as session:  # …and the user saves it
                allocations.allocate(
                    session,
                    {
                        "organisation_id": holder,
                        "organisation_number": proposal.organisation_number,
                        "range_start": proposal.range_start,
                        "range_end": proposal.range_end,
                        "signifier": f"W{worker}N{i}",
                    },
                )
            counts["allocated"] += 1
        except DuplicateError:
            counts["that range was just taken"] += 1
        except Exception as exc:
            counts[f"error: {type(exc).__name__}: {str(exc)[:80]}"] += 1
    store.dispose()
    return dict(counts)


def _run_workers(kind: str, url: str, arg: int, workers: int, count: int) -> Counter[str]:
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", kind, url, str(arg), str(w), str(count)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    total: Counter[str] = Counter()
    for child in children:
        out, _ = child.communicate()
        total.update(json.loads(out.strip().splitlines()[-1]))
    return total


def _errors(counts: Counter[str]) -> int:
    """How many attempts ended in an error other than the expected refusals."""
    return sum(v for k, v in counts.items() if k.startswith("error"))


def _list_errors(counts: Counter[str]) -> None:
    for key, value in counts.items():
        if key.startswith("error"):
            print(f"      {value} x {key}")


# ---- the measurements --------------------------------------------------------------------


def edits(store, edits_each: int) -> None:
    from sqlalchemy import func, select

    from secdesk.domain import AuditEntry, Party
    from secdesk.services import parties

    url = store.url.render_as_string(hide_password=False)
    for workers in (2, 4):
        with store.unit_of_work() as session:
            party = parties.create_party(
                session, {"name": f"Contended {workers} Ltd", "category": "Other"}
            )
            party_id, before = party.id, party.version
        counts = _run_workers("edit", url, party_id, workers, edits_each)
        with store.session() as session:
            after = session.get(Party, party_id).version
            audited = session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(
                    AuditEntry.table_name == "party",
                    AuditEntry.record_id == party_id,
                    AuditEntry.field == "notices_email",
                )
            )
        saves = counts["saves"]
        others = _errors(counts)
        print(
            f"  {workers} processes x {edits_each} edits: {counts['attempts']} attempts, "
            f"{saves} saves, {counts['conflicts']} conflicts shown, {others} other errors, "
            f"{saves - (after - before)} lost updates, {audited} audit entries"
            f"{' = saves' if audited == saves else ' (NOT the saves)'}"
        )
        _list_errors(counts)


def allocating(store, tries: int) -> None:
    from sqlalchemy import func, select
    from sqlalchemy.orm import aliased

    from secdesk.domain import IdAllocation
    from secdesk.services import allocations

    with store.unit_of_work() as session:
        holder = allocations.create_organisation(session, "RDP", "Contention RDS").id
    counts = _run_workers(
        "allocate", store.url.render_as_string(hide_password=False), holder, 4, tries
    )
    a, b = aliased(IdAllocation), aliased(IdAllocation)
    with store.session() as session:
        overlaps = session.scalar(
            select(func.count())
            .select_from(a)
            .join(
                b, (a.id < b.id) & (a.range_start <= b.range_end) & (b.range_start <= a.range_end)
            )
        )
    others = _errors(counts)
    print(
        f"  4 processes allocating: {counts['allocated']} allocated, "
        f"{counts['that range was just taken']} 'that range was just taken', "
        f"{others} other errors, {overlaps} overlapping ranges"
    )
    _list_errors(counts)


def kills(store, times: int) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from secdesk.demo import load_demo
    from secdesk.domain import Publication, PublicationState
    from secdesk.services import parties
    from secdesk.sheets import publication_ledger as ledger
    from secdesk.sheets.publish import publish

    load_demo(store, enquiries=0)
    folder = Path(tempfile.mkdtemp(prefix="secdesk-bench-kills-")) / "Published"
    publish(store, folder)
    url = store.url.render_as_string(hide_password=False)
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\nfrom sqlalchemy.engine import make_url\n"
        "from secdesk.store.engine import Store\nfrom secdesk.sheets.publish import publish\n"
        f"publish(Store(make_url({url!r}), user='killed'), Path({str(folder)!r}))\n"
    )
    # How long a publishing process takes from start to end: the kills fall within it.
    with store.unit_of_work() as session:
        parties.create_party(session, {"name": "Timed Publish Ltd", "category": "Other"})
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    span = time.perf_counter() - started
    print(f"  (a publishing process takes {span:.1f} s; kills fall anywhere in it)")
    rng = random.Random(16)
    outcomes: Counter[str] = Counter()
    for n in range(times):
        with store.unit_of_work() as session:
            parties.create_party(session, {"name": f"Killed Publish {n} Ltd", "category": "Other"})
        child = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, span * 1.1))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            outcomes["killed"] += 1
        else:
            outcomes["finished before the kill"] += 1
        child.wait()
        ledger.settle_folder(store, folder)  # what the next start does
        with store.session() as session:
            recorded = list(
                session.scalars(select(Publication).options(selectinload(Publication.files)))
            )
        pending = [p for p in recorded if p.state is PublicationState.PENDING]
        latest = max(
            (p for p in recorded if p.state is PublicationState.PUBLISHED), key=lambda p: p.number
        )
        ok = not pending and ledger.holds(folder, latest)
        outcomes["folder = latest recorded" if ok else "folder DIFFERS from the store"] += 1
    states = Counter(p.state.value for p in recorded)
    print(
        f"  {times} publishes killed at random ({outcomes['killed']} killed, "
        f"{outcomes['finished before the kill']} finished first): folder = latest recorded "
        f"publication {outcomes['folder = latest recorded']} times, differs "
        f"{outcomes['folder DIFFERS from the store']} times; publications by state: "
        f"{dict(states)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--allocations", type=int, default=100, help="tries per process")
    parser.add_argument("--kills", type=int, default=100)
    args = parser.parse_args()
    from scratch import on_each_store

    def bench(store) -> None:
        print(f"{'PostgreSQL' if not store.is_sqlite else 'SQLite'}:")
        kills(store, args.kills)  # first: it fills the empty store with the demo register
        edits(store, args.edits)
        allocating(store, args.allocations)

    on_each_store(bench)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        kind, url, arg, worker, count = sys.argv[2:7]
        work = _editor if kind == "edit" else _allocator
        print(json.dumps(work(url, int(arg), int(worker), int(count))))
    else:
        main()
