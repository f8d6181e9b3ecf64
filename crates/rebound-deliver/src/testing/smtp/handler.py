"""aiosmtpd's Maildir handler, plus refusals the tests ask for by domain:
a recipient at refused.invalid gets 550 (permanent), at later.invalid 451
(transient). While a file named `defer-all` sits next to the Maildir, every
recipient gets 451 and is appended to `deferred.log` there, so a test can
see that an attempt was made. Written next to the Maildir by
rebound-deliver's SmtpReceiver."""
import os

from aiosmtpd.handlers import Mailbox as _Mailbox


class Mailbox(_Mailbox):
    def __init__(self, mail_dir, *args, **kwargs):
        super().__init__(mail_dir, *args, **kwargs)
        self.beside = os.path.dirname(os.path.abspath(mail_dir))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        if domain == "refused.invalid":
            return "550 5.1.1 No such mailbox here"
        if domain == "later.invalid":
            return "451 4.3.0 Try again later"
        if os.path.exists(os.path.join(self.beside, "defer-all")):
            with open(os.path.join(self.beside, "deferred.log"), "a") as log:
                log.write(address + "\n")
            return "451 4.3.0 Deferred by the test"
        envelope.rcpt_tos.append(address)
        return "250 OK"
