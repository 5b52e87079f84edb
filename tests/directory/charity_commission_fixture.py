"""The small Charity Commission register extract the import tests read."""

from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "charity_commission"
