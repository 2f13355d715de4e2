from __future__ import annotations

from jobsearch.portability.importing import services
from jobsearch.portability.importing.reading import read_pasted


def import_batch(owner, text: str = "Company,Role,Status\nAcme,Analyst,Applied\n"):
    """An import waiting on its check page, made the way an upload makes it."""
    return services.batch_create(user=owner, table=read_pasted(text), filename="list.csv")
