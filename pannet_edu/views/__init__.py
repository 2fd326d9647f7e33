"""Views: HTML and plain-text renderers of what the logic layers computed.

Layer 6 of the package (see ``docs/architecture.md``): views lay out results and hold no clinical
logic. :mod:`~pannet_edu.views.appraisal` renders an engine appraisal (tables, verdict grids, the
rule summary); :mod:`~pannet_edu.views.trials` filters and tabulates the trials table;
:mod:`~pannet_edu.views.lessons` builds the lessons' small tables. Number formatting is not here: it
lives once in :mod:`pannet_edu.formatting` (the palette in :mod:`pannet_edu.display`).
"""
