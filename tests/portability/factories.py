from __future__ import annotations

from jobsearch.portability.importing.columns import guess_mapping, recognise
from jobsearch.portability.importing.models import ImportBatch
from jobsearch.portability.importing.reading import read_pasted


def import_batch(owner, text: str = "Company,Role,Status\nAcme,Analyst,Applied\n") -> ImportBatch:
    """An import waiting on its check page, as an upload leaves it (without clearing the
    person's other imports away, so several can exist for the checks over every URL)."""
    table = read_pasted(text)
    known = recognise(table.header)
    return ImportBatch.objects.create(
        user=owner,
        filename="list.csv",
        kind=table.kind,
        described_as=table.described_as,
        header=table.header,
        rows=table.rows,
        format=known.key if known else "",
        mapping=guess_mapping(table.header, known),
    )
