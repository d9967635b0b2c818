"""The helpdesk's e-mail: messages read from files (and mailboxes) into the inbox."""
