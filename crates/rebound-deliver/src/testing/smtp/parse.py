"""Reads Maildir files with Python's own email package (independent of the
lettre that wrote them) and prints them as JSON: headers unfolded and
RFC 2047-decoded, leaf parts decoded from quoted-printable or base64."""
import email
import json
import sys
from email import policy

out = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=policy.default)
    headers = []
    for name, value in msg.raw_items():
        try:
            value = str(msg.policy.header_fetch_parse(name, value))
        except Exception:
            value = str(value)
        headers.append([name, value])
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            body = part.get_content()
        except Exception:
            body = part.get_payload(decode=True) or b""
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        parts.append({
            "mime": part.get_content_type(),
            "content_type": str(part.get("Content-Type", "")),
            "body": body,
        })
    out.append({"raw": raw.decode("utf-8", "replace"), "headers": headers, "parts": parts})
json.dump(out, sys.stdout)
