"""aiosmtpd's Maildir handler, plus refusals the tests ask for by domain:
a recipient at refused.invalid gets 550 (permanent), at later.invalid 451
(transient). Written next to the Maildir by rebound-deliver's SmtpReceiver."""
from aiosmtpd.handlers import Mailbox as _Mailbox


class Mailbox(_Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        if domain == "refused.invalid":
            return "550 5.1.1 No such mailbox here"
        if domain == "later.invalid":
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
