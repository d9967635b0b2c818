"""The use cases the GUI and the CLI both call. Each takes a Session (one unit of work,
committed by the caller), validates with secdesk.validate, checks versions, and returns
ORM objects or plain rows. None of them shows anything to anyone."""
