#!/usr/bin/env python3
"""The SMTP server of scripts/testbed-smtp.sh: aiosmtpd on 127.0.0.1 with TLS and AUTH PLAIN/LOGIN for one user.

    testbed-smtp.py --port N --mode starttls|tls --cert FILE --key FILE --user U --password-file F --maildir DIR --ready FILE

starttls: plain connect, STARTTLS required before anything else and before AUTH; tls: TLS from the first byte.
Either way MAIL is refused until the client has logged in, and every recipient @refused.invalid is refused (550).
Each message received is written as one JSON file {"mail_from": ..., "rcpt_tos": [...], "data": "<the raw
message>", "subject": "<decoded>", "text": "<the body, transfer encoding undone>"} — decoded by Python's email
package, an implementation independent of Baktainer's — into DIR (written aside, then renamed into place, so a reader never sees half a file). FILE --ready
appears once the server accepts connections; SIGTERM stops it.
"""

import argparse
import email
import email.header
import email.policy
import json
import os
import signal
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Maildir:
    """Writes each message as one JSON file."""

    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.invalid"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = f"{time.time_ns()}-{self.count}.json"
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        message = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": envelope.original_content.decode("utf-8", errors="replace"),
            "subject": str(parsed["subject"] or ""),
            "text": parsed.get_content() if not parsed.is_multipart() else "",
        }
        partial = os.path.join(self.directory, "." + name)
        with open(partial, "w", encoding="utf-8") as file:
            json.dump(message, file)
        os.rename(partial, os.path.join(self.directory, name))
        return "250 Message accepted for delivery"


class OneUser:
    """Accepts exactly one login and password, by any mechanism the server offers."""

    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        # handled=False: aiosmtpd itself answers a refusal with 535 5.7.8.
        return AuthResult(success=ok, handled=False)


def main():
    parser = argparse.ArgumentParser()
    for name in ("--port", "--mode", "--cert", "--key", "--user", "--password-file", "--maildir", "--ready"):
        parser.add_argument(name, required=True)
    arguments = parser.parse_args()
    with open(arguments.password_file, encoding="utf-8") as file:
        password = file.read().strip()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(arguments.cert, arguments.key)
    implicit = arguments.mode == "tls"
    # Blocked before the server's thread starts, so that only sigwait below receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(
        Maildir(arguments.maildir),
        hostname="127.0.0.1",
        port=int(arguments.port),
        server_hostname="testbed-smtp.localhost",
        ssl_context=context if implicit else None,
        tls_context=None if implicit else context,
        require_starttls=not implicit,
        # aiosmtpd cannot tell an implicit-TLS connection from a plain one, and would hide AUTH on it
        # (aio-libs/aiosmtpd#281): there the connection is TLS from the first byte anyway.
        auth_require_tls=not implicit,
        auth_required=True,
        authenticator=OneUser(arguments.user, password),
    )
    controller.start()
    with open(arguments.ready, "w", encoding="utf-8") as file:
        file.write(str(os.getpid()))
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
