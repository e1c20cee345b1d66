"""Log lines a council's log collector can read: one line per event, never a traceback where
the event is expected (a request for a host the site does not serve is a scanner, not a bug)."""

import logging


class OneLineFormatter(logging.Formatter):
    """Formats a record on one line: its traceback left out, line breaks in it escaped."""

    def format(self, record: logging.LogRecord) -> str:
        plain = logging.makeLogRecord(
            {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
        )
        return super().format(plain).replace("\r", "\\r").replace("\n", "\\n")
