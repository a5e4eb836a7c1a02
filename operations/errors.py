class OperationsError(Exception):
    """Something the person running the command can fix; the message says what to do next."""
