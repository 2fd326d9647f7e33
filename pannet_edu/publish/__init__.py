"""Publishing: what leaves the package as a file for learners and instructors.

Handouts (:mod:`.handouts`) and their summary versions, the therapy-class sheets
(:mod:`.class_sheets`), the learner exercise notebooks (:mod:`.exercise_build`), the handout
template (``templates/``) and the pieces they share: how a notebook is read (:mod:`.transforms`),
the reference list (:mod:`.references`), writing files whole (:mod:`.writing`), printing PDFs
(:mod:`.pdf`) and the trust block (:mod:`.trust`). The LMS and flash-card exports
(:mod:`pannet_edu.export`) sit in the same layer.

This is the top layer below the entry points (the dashboard server, the command line): it may
import any layer below it and nothing imports it but an entry point. Submodules are imported on
use, so ``import pannet_edu`` does not load nbconvert.
"""
