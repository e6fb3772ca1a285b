"""The one base class of mistakes a user can make or meet (bad path, bad SQL, busy database).

The CLI prints such an error as a single line and exits non-zero; anything else is a bug
and keeps its traceback.
"""


class FinclaimsError(Exception):
    """An error whose message alone tells the user what went wrong and what to do."""
