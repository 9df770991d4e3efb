"""Generate the synthetic municipality in the real source formats, with gaps planted.

Usage: ``python -m benchmarks.generate OUTDIR [--scale 1.0] [--seed 8]``. Deterministic for a
scale and seed. Writes the OPUS dump, the KITOS API folder, the register and ``manifest.json``
(counts, planted gaps, and sample keys the benchmark reads with).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.governance import build_register
from benchmarks.inventory import build_inventory
from benchmarks.org import SNAPSHOT, build_organisation
from benchmarks.reuse import SU

FORVALTNING = "Jobcenter og Borgerservice"
SECRETARIAT = "JB-sekretariatet"
CENTRAL_IT = "IT-afdelingen"
# OPUS unit types -> line level, so that every forvaltning's leaders get theirs.
UNIT_TYPE_LEVELS = {
    "Magistratsafdeling": "direktoer",
    "Afdeling": "chef",
    "Sekretariat": "chef",
    "Kontor": "kontorleder",
    "Team": "kontorleder",
}
SAMPLES = 200


@dataclass(slots=True)
class Manifest:
    """What was generated: where, how much, which gaps, and keys to read with."""

    scale: float
    seed: int
    snapshot: str
    opus: str
    kitos: str
    register: str
    counts: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    handover_person: str = ""  # the present person holding the most roles
    handover_typical: str = ""  # the median holder among those holding two roles or more
    seconds: float = 0.0

    def save(self, folder: Path) -> None:
        """Write ``manifest.json`` into the folder."""
        text = json.dumps(asdict(self), indent=1, ensure_ascii=False)
        (folder / "manifest.json").write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Read ``manifest.json`` from the folder."""
        return cls(**json.loads((folder / "manifest.json").read_text(encoding="utf-8")))


def generate(out: Path, *, scale: float = 1.0, seed: int = 8) -> Manifest:
    """Build the municipality and write every source file to ``out``."""
    from benchmarks.formats import write_kitos, write_opus, write_register

    began = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    org = build_organisation(scale=scale, seed=seed)
    inv = build_inventory(org, scale=scale)
    register = build_register(org, inv)
    opus = write_opus(org, out)
    kitos = write_kitos(org, inv, out / "kitos")
    workbook = write_register(org, inv, register, out / "register.xlsx")
    staff = [p for p in org.people.values() if p.present() and p.unit in org.units]
    roles = Counter(p for s in inv.systems for _, p in s.roles if org.people[p].present())
    pick = random.Random(seed)
    manifest = Manifest(
        scale=scale,
        seed=seed,
        snapshot=SNAPSHOT.isoformat(),
        opus=opus.name,
        kitos=kitos.name,
        register=workbook.name,
        counts={
            "people": sum(not p.external for p in org.people.values()),
            "external people": sum(p.external for p in org.people.values()),
            "units": len(org.units),
            "systems": len(inv.systems),
            "role assignments": sum(len(s.roles) for s in inv.systems),
            "super-user assignments": sum(len(s.holders(SU)) for s in inv.systems),
            "using units": sum(len(s.using) for s in inv.systems),
            "register super-user rows": len(register.superusers),
            "reviews": len(register.reviews),
            "forum seats": len(register.seats),
            "organisational roles": len(register.roles),
        },
        planted=dict(sorted(org.planted.items())),
        people=sorted(p.id for p in pick.sample(staff, k=min(SAMPLES, len(staff)))),
        systems=sorted(s.uuid for s in pick.sample(inv.systems, k=min(SAMPLES, len(inv.systems)))),
        units=sorted(pick.sample(sorted(org.units), k=min(SAMPLES, len(org.units)))),
        handover_person=roles.most_common(1)[0][0] if roles else "",
        handover_typical=_median_holder(roles),
    )
    manifest.seconds = round(time.perf_counter() - began, 2)
    manifest.save(out)
    return manifest


def _median_holder(roles: Counter[str]) -> str:
    several = sorted((n, p) for p, n in roles.items() if n >= 2)
    return several[len(several) // 2][1] if several else ""


def main(argv: list[str] | None = None) -> int:
    """Write the synthetic municipality to the folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the sources to")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: about 45,000 people")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    manifest = generate(args.out, scale=args.scale, seed=args.seed)
    counts = ", ".join(f"{v} {k}" for k, v in manifest.counts.items())
    print(f"{counts} -> {args.out} in {manifest.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
