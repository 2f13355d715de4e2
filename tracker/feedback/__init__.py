"""Feedback requests: asking an employer what would have made the difference.

`emails` holds our templates, their placeholders and the mailto: link; the rest
is the app's usual split (`views`, `forms`, `services`, `selectors`, `urls`).
The models stay in tracker.models with the rest of the tracker's.
"""
