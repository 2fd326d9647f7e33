"""Time the sequencing engine: one patient's appraisal must take well under 50 ms.

Run alone (`python benchmarks/appraise.py`) or through `benchmarks/run.py`, which calls `run()`.
Each figure is the median of many calls after one warm-up call (which pays pandas' import).
"""

from __future__ import annotations

import statistics
import time

from pannet_edu.engine import Patient, appraise, evaluate, explain, what_if

BUDGET_MS = 50.0
REPEATS = 200

#: A patient that makes most rules fire: progressing after an SSA, bulky, with comorbidities.
PATIENT = Patient(
    ki67=15,
    sstr="positive",
    burden="high",
    progressing=True,
    symptomatic=True,
    prior=["ssa", "everolimus"],
    comorbidities=["diabetes", "renal_impairment"],
)


def median_ms(call, repeats: int = REPEATS) -> float:
    """Median wall time of ``call()`` in milliseconds, after one warm-up call."""
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[str]:
    """Lines for the benchmark report."""
    timings = {
        "appraise(patient) -> DataFrame": median_ms(lambda: appraise(PATIENT)),
        "evaluate(patient), rules only": median_ms(lambda: evaluate(PATIENT)),
        "what_if(patient, sstr='negative')": median_ms(lambda: what_if(PATIENT, sstr="negative")),
        "explain(patient)": median_ms(lambda: explain(PATIENT)),
    }
    lines = [
        f"sequencing {name}: {ms:.2f} ms (median of {REPEATS})" for name, ms in timings.items()
    ]
    worst = timings["appraise(patient) -> DataFrame"]
    verdict = "within" if worst < BUDGET_MS else "OVER"
    lines.append(f"sequencing appraise: {verdict} the {BUDGET_MS:g} ms budget")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
