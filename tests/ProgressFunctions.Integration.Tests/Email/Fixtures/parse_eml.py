"""Parses an .eml file with Python's standard email package and prints its structure as JSON.

Used by the integration tests as an independent check that the outbox writes standards-conforming MIME.
Usage: python3 parse_eml.py FILE
"""
import email
import email.policy
import hashlib
import json
import sys


def main(path):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    lines = raw.split(b"\r\n")
    parts = []
    attachments = []
    for part in msg.walk():
        parts.append(part.get_content_type())
        if part.get_content_disposition() == "attachment":
            payload = part.get_payload(decode=True)
            attachments.append({
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "sha256": hashlib.sha256(payload).hexdigest(),
                "size": len(payload),
            })
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    to = msg["To"].addresses
    result = {
        "subject": str(msg["Subject"]),
        "from": [a.addr_spec for a in msg["From"].addresses],
        "to": [{"name": a.display_name, "address": a.addr_spec} for a in to],
        "message_id": str(msg["Message-ID"]),
        "date": msg["Date"].datetime.isoformat() if msg["Date"] else None,
        "mime_version": str(msg["MIME-Version"]),
        "parts": parts,
        "text": text.get_content() if text is not None else None,
        "html": html.get_content() if html is not None else None,
        "attachments": attachments,
        "defects": [type(d).__name__ for p in msg.walk() for d in p.defects] + [type(d).__name__ for d in msg.defects],
        "bare_lf": b"\n" in b"".join(lines),
        "max_line": max(len(l) for l in lines),
        "ascii": all(b < 128 for b in raw),
    }
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
