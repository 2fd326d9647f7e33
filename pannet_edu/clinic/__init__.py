"""The clinic: what a pathology report, a staging work-up and an imaging report say about a panNET.

Layer 2 of the package. Each module turns a clinical finding into the words the rest of the toolkit
uses, with its source:

- :mod:`~pannet_edu.clinic.pathology`: WHO grade from Ki-67 and mitoses, mixed neoplasms (MiNEN);
- :mod:`~pannet_edu.clinic.staging`: AJCC TNM categories and stage groups;
- :mod:`~pannet_edu.clinic.imaging`: Krenning scores to an SSTR status, the imaging tables;
- :mod:`~pannet_edu.clinic.syndromes`: functional and hereditary syndromes.

It imports only the vocabularies, the display helpers and the content readers below it, never the
engine, the evidence tables or anything above them.

>>> from pannet_edu.clinic import pathology
>>> pathology.grade(ki67=12).label
'NET G2'
"""

from . import imaging, pathology, staging, syndromes

__all__ = ["imaging", "pathology", "staging", "syndromes"]
