"""One domain exception for bad input, so every entry point (CLI, web, importers) reports it the same way."""


class InputError(ValueError):
    """Bad input from a user or a file: says which record and which field, in one line.

    Raised before anything is written (or inside a transaction that it rolls back).
    """

    def __init__(self, field: str, value, message: str = "invalid value", record: str = ""):
        self.field = field
        self.value = value
        self.record = record
        self.message = message
        where = f"{record}: " if record else ""
        super().__init__(f"{where}{field}: {message}: {value!r}")
