"""Which of their columns holds which of our fields: known exports by their headers,
everything else by a guess from the column names that the person can correct."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobsearch.portability.importing.values import fold


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    synonyms: tuple[str, ...]
    required: bool = False
    hint: str = ""


def normal(name: str) -> str:
    """ "Company Name", "company_name" and "companyName" are one name."""
    return fold(name)


# Our fields, in the order the mapping form shows them.
FIELDS: tuple[Field, ...] = (
    Field(
        "company",
        "Company",
        (
            "company",
            "companyname",
            "employer",
            "employername",
            "organisation",
            "organization",
            "org",
            "organisationname",
            "organizationname",
            "business",
            "firm",
            "companytitle",
        ),
        required=True,
    ),
    Field(
        "role",
        "Role",
        (
            "role",
            "title",
            "jobtitle",
            "position",
            "jobposition",
            "positiontitle",
            "roletitle",
            "jobrole",
            "job",
            "jobname",
            "positionname",
            "vacancy",
            "opening",
        ),
        required=True,
    ),
    Field(
        "status",
        "Status",
        (
            "status",
            "stage",
            "list",
            "listname",
            "state",
            "applicationstatus",
            "currentstatus",
            "pipeline",
            "column",
            "progress",
            "outcome",
            "result",
            "phase",
        ),
        hint="Their words are matched to ours below.",
    ),
    Field(
        "applied_on",
        "Date applied",
        (
            "applied",
            "dateapplied",
            "applicationdate",
            "appliedon",
            "applieddate",
            "appliedat",
            "dateofapplication",
            "submitted",
            "datesubmitted",
            "submissiondate",
            "applydate",
        ),
    ),
    Field(
        "found_on",
        "Date saved or added",
        (
            "created",
            "createdat",
            "createdon",
            "datecreated",
            "datesaved",
            "saveddate",
            "savedon",
            "savedat",
            "datefound",
            "dateadded",
            "added",
            "addedon",
            "foundon",
            "bookmarked",
            "datebookmarked",
        ),
        hint="The history starts here, as “saved for later”.",
    ),
    Field(
        "status_on",
        "Date of the current status",
        (
            "lastmoved",
            "lastmovedat",
            "statuschangedon",
            "statusdate",
            "statuschanged",
            "laststatuschange",
            "datemoved",
            "movedat",
            "updated",
            "updatedat",
            "lastupdated",
            "updatedon",
            "lastmodified",
            "modified",
            "laststatusupdate",
        ),
        hint=(
            "Without it, the current status goes on the day applied or saved, and is not "
            "counted as recent news."
        ),
    ),
    Field(
        "job_url",
        "Job link",
        (
            "url",
            "joburl",
            "link",
            "joblink",
            "postingurl",
            "posting",
            "listingurl",
            "jobposting",
            "applicationlink",
            "applicationurl",
            "advert",
            "adlink",
            "jobpostingurl",
        ),
    ),
    Field("location", "Location", ("location", "locations", "city", "joblocation", "place")),
    Field(
        "work_mode",
        "Work mode",
        (
            "workmode",
            "remote",
            "workplace",
            "workplacetype",
            "remoteonsite",
            "onsiteremote",
            "locationtype",
            "arrangement",
            "workarrangement",
            "remotestatus",
        ),
    ),
    Field(
        "employment_type",
        "Employment type",
        (
            "employmenttype",
            "jobtype",
            "type",
            "contracttype",
            "worktype",
            "employment",
            "contract",
            "hours",
        ),
    ),
    Field(
        "salary_min",
        "Salary from",
        (
            "salary",
            "salarymin",
            "minsalary",
            "salaryfrom",
            "minimumsalary",
            "salarylow",
            "lowsalary",
            "pay",
            "compensation",
            "salaryrange",
            "payrange",
        ),
        hint="A range like 50k–60k fills both.",
    ),
    Field(
        "salary_max",
        "Salary to",
        ("salarymax", "maxsalary", "salaryto", "maximumsalary", "salaryhigh", "highsalary"),
    ),
    Field("salary_currency", "Currency", ("currency", "salarycurrency", "paycurrency")),
    Field(
        "source",
        "Where I found it",
        (
            "source",
            "jobsource",
            "foundvia",
            "wherefound",
            "foundthrough",
            "channel",
            "via",
            "jobboard",
            "origin",
        ),
    ),
    Field(
        "contact",
        "Contact",
        (
            "contact",
            "contacts",
            "contactemail",
            "contactname",
            "recruiter",
            "recruiteremail",
            "hiringmanager",
            "contactperson",
            "email",
        ),
        hint="Kept in the notes.",
    ),
    Field(
        "description",
        "Job description",
        ("description", "jobdescription", "details", "jobdetails", "summary"),
    ),
    Field("notes", "Notes", ("notes", "note", "comments", "comment", "remarks", "memo")),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
DATE_FIELDS = ("applied_on", "found_on", "status_on")


@dataclass(frozen=True)
class Format:
    """A known export: recognised by the columns it always has."""

    key: str
    name: str
    needs: frozenset[str]
    # Column name (normalised) -> our field, where the synonyms would not do.
    columns: dict[str, str] = field(default_factory=dict)
    status: str = ""  # every row's status, when the file has no status column
    source: str = ""  # every row's source
    date_order: str = ""  # "dmy" or "mdy" when the export always writes one


FORMATS: tuple[Format, ...] = (
    Format(
        "ours",
        "an export from this app",
        frozenset(
            {
                "company",
                "role",
                "status",
                "appliedon",
                "statuschangedon",
                "lastactivityon",
                "createdon",
            }
        ),
        columns={
            "statuschangedon": "status_on",
            "createdon": "found_on",
            "lastactivityon": "",
            "contacts": "contact",
        },
    ),
    Format(
        "linkedin_applications",
        "LinkedIn’s export of your job applications",
        frozenset({"applicationdate", "companyname", "jobtitle", "joburl"}),
        columns={
            "contactemail": "contact",
            "contactphonenumber": "",
            "resumename": "",
            "questionandanswers": "",
        },
        status="applied",
        source="linkedin",
        date_order="mdy",
    ),
    Format(
        "linkedin_saved",
        "LinkedIn’s export of your saved jobs",
        frozenset({"saveddate", "companyname", "jobtitle", "joburl"}),
        status="saved",
        source="linkedin",
        date_order="mdy",
    ),
    Format(
        "huntr",
        "Huntr’s export of your jobs",
        frozenset({"listname", "companyname", "title"}),
        columns={"lastmovedat": "status_on", "createdat": "found_on", "boardname": ""},
    ),
    Format(
        "jobsync",
        "JobSync’s export of your jobs",
        frozenset({"jobtitle", "company", "status", "applieddate", "jobsource"}),
        columns={
            "createdat": "found_on",
            "applied": "",
            "index": "",
            "jobtype": "employment_type",
            "locations": "location",
            "jobsource": "source",
        },
    ),
    Format(
        "teal",
        "Teal’s export of your job tracker",
        frozenset({"jobposition", "company", "status"}),
        columns={
            "datesaved": "found_on",
            "dateapplied": "applied_on",
            "excitement": "",
            "followup": "",
        },
    ),
)


def recognise(header: list[str]) -> Format | None:
    names = {normal(name) for name in header}
    return next((known for known in FORMATS if known.needs <= names), None)


def guess_mapping(header: list[str], known: Format | None = None) -> dict[str, int | None]:
    """Our field -> the index of their column, or None. A column serves one field only;
    an exact name beats a synonym, and the leftmost column wins a tie."""
    names = [normal(name) for name in header]
    mapping: dict[str, int | None] = dict.fromkeys(FIELD_KEYS)
    taken: set[int] = set()
    if known is not None:
        for index, name in enumerate(names):
            target = known.columns.get(name)
            if target is not None:
                taken.add(index)
                if target and mapping[target] is None:
                    mapping[target] = index
    for f in FIELDS:
        if mapping[f.key] is not None:
            continue
        for synonym in f.synonyms:
            index = next(
                (i for i, name in enumerate(names) if name == synonym and i not in taken), None
            )
            if index is not None:
                mapping[f.key] = index
                taken.add(index)
                break
    return mapping
