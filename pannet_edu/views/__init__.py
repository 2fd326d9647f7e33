"""Views: HTML and plain-text renderers of what the logic layers computed.

Layer 6 of the package (see ``docs/architecture.md``): views lay out results and hold no clinical
logic. :mod:`~pannet_edu.views.appraisal` renders an engine appraisal (tables, verdict grids, the
rule summary); :mod:`~pannet_edu.views.trials` filters and tabulates the trials table;
:mod:`~pannet_edu.views.lessons` builds the lessons' small tables. Number formatting and the palette
are not here: they live once in :mod:`pannet_edu.display`.
"""
