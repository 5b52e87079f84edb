"""What one run of the Charity Commission import did: the report it prints and the
`CharityImportRun` moderators see in the admin (counts, counts by region, a sample of what
was added and why)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from directory.models import CharityImportRun
from directory.models.register_import import ImportOutcome

SAMPLE_SIZE = 20
NO_REGION = "No region"
# The report's counts, in the order they are printed, as (attribute, label).
COUNTS = [
    ("created", "Created"),
    ("updated", "Updated"),
    ("unchanged", "Unchanged"),
    ("removed", "Marked as removed from the register"),
    ("held", "Held (draft, in moderation or unpublished)"),
    ("rejected", "Rejected by a moderator, not added again"),
    ("skipped", "Skipped"),
]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    held: int = 0
    rejected: int = 0
    skipped: int = 0
    skipped_reasons: Counter = field(default_factory=Counter)
    records_read: int = 0
    dry_run: bool = False
    # {region name: {"created": n, ...}}
    by_region: dict = field(default_factory=lambda: defaultdict(Counter))
    # [{"number", "name", "reasons"}]: the first charities added (or that would be)
    sample: list = field(default_factory=list)

    @property
    def added(self):
        return self.created

    def skip(self, reason):
        self.skipped += 1
        self.skipped_reasons[reason] += 1

    def count(self, outcome, regions=()):
        """One more listing `outcome` ("created", "updated", …), counted in its regions."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        for region in regions or [NO_REGION]:
            self.by_region[region][outcome] += 1

    def add_to_sample(self, number, name, reasons):
        if len(self.sample) < SAMPLE_SIZE:
            self.sample.append({"number": number, "name": name, "reasons": list(reasons)})

    def lines(self):
        lines = [f"Charity records read: {self.records_read}"]
        lines += [f"{label}: {getattr(self, name)}" for name, label in COUNTS]
        lines += [f"  {reason}: {count}" for reason, count in sorted(self.skipped_reasons.items())]
        if self.by_region:
            lines.append("By region:")
            for region, counts in sorted(self.by_region.items()):
                shown = ", ".join(f"{name} {counts[name]}" for name, _ in COUNTS if counts[name])
                lines.append(f"  {region}: {shown}")
        if self.sample:
            verb = "that would be added" if self.dry_run else "added"
            lines.append(f"Sample of charities {verb}, and why each was selected:")
            lines += [
                f"  {row['name']} ({row['number']}): {'; '.join(row['reasons'])}"
                for row in self.sample
            ]
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


def start_run(source, dry_run):
    """The run's record, saved at once (outside any transaction a dry run rolls back)."""
    return CharityImportRun.objects.create(source=str(source), dry_run=dry_run)


def finish_run(run, report, error=None):
    """Save what the run did: completed, or failed with `error`."""
    run.finished_at = timezone.now()
    run.outcome = ImportOutcome.FAILED if error is not None else ImportOutcome.COMPLETED
    run.error = "" if error is None else f"{type(error).__name__}: {error}"
    run.records_read = report.records_read
    run.added = report.created
    for name in ("updated", "unchanged", "held", "removed", "rejected", "skipped"):
        setattr(run, name, getattr(report, name))
    run.by_region = {
        region: {("added" if k == "created" else k): v for k, v in counts.items()}
        for region, counts in sorted(report.by_region.items())
    }
    run.sample = list(report.sample)
    run.report = "\n".join(report.lines())
    run.save()
    return run
