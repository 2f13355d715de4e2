"""Work-search activities that are not applications: career fairs, workshops,
recruiter calls, registering with an agency — and, in `selectors`, what the
work-search record counts as an activity, applications and their steps included.

The app's usual split (`views`, `forms`, `services`, `selectors`, `urls`); the
model stays in tracker.models with the rest of the tracker's.
"""
