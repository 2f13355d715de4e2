"""Importing applications from a spreadsheet or another tracker's export.

Reading a file into rows (`reading`), recognising known exports and guessing the
columns (`columns`), turning cells into dates, statuses and numbers (`values`),
and checking every row before anything is written (`checking`). The writing
itself is the tracker's (`tracker.imports`).
"""
