"""Background jobs: long work started from a page (an import) or by the schedule (reminders, Kolada).

A `Job` row is the job's state and result; its progress lives in the shared cache. See runner.py.
"""
