"""secdesk: the SECAS helpdesk log and SEC Party register."""

__version__ = "0.1.0"
