"""Letters and emails to complainants, from the council's templates, with the rights and dates
of the statutory procedure filled in."""
