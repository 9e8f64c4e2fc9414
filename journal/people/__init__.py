"""People: invitations and connections between an employee and their manager or coach."""
