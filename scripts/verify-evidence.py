#!/usr/bin/env python3
"""Check a ConsentDesk evidence pack alone: no store, no ConsentDesk binary.

    python3 scripts/verify-evidence.py PACK.json --key 'NAME+KEYID+BASE64'

Needs Python 3.8+ and the `cryptography` package (Ed25519). Exit 0 when the pack holds,
4 when it does not, 2 when the pack or key cannot be read. What each check proves, and
what it does not, is in docs/proofs.md.
"""
import argparse, base64, hashlib, json, struct, sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.exceptions import InvalidSignature

MAX_PACK = 64 << 20


class Fail(Exception):
    pass


# ---- C2SP signed-note and tlog-checkpoint -------------------------------------------------

def parse_vkey(text):
    name, sep, rest = text.strip().partition("+")
    key_id, sep2, b64 = rest.partition("+")
    if not (sep and sep2) or not name or " " in name or len(key_id) != 8 or key_id != key_id.lower():
        raise Fail("the verifier key is not name+keyid+key")
    raw = base64.b64decode(b64, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        raise Fail("the verifier key is not an Ed25519 key")
    if hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != key_id:
        raise Fail("the verifier key's id does not match its name and key")
    return name, int(key_id, 16), raw[1:]


def open_note(text, keys):
    """The note's text, if a signature by one of `keys` verifies (and none by them fails)."""
    if any(ord(c) < 0x20 and c != "\n" for c in text):
        raise Fail("the note holds a control character")
    split = text.rfind("\n\n")
    if split < 0 or not text.endswith("\n"):
        raise Fail("the note is not text, a blank line and signatures")
    body, sigs = text[:split + 1], text[split + 2:]
    good = 0
    for line in sigs[:-1].split("\n"):
        if not line.startswith("\u2014 "):
            raise Fail("a line after the blank line is not a signature")
        name, _, b64 = line[2:].partition(" ")
        raw = base64.b64decode(b64, validate=True)
        if len(raw) < 5:
            raise Fail("a signature is too short")
        key_id = struct.unpack(">I", raw[:4])[0]
        for kname, kid, pub in keys:
            if kname == name and kid == key_id:
                try:
                    Ed25519PublicKey.from_public_bytes(pub).verify(raw[4:], body.encode())
                except InvalidSignature:
                    raise Fail("the signature by %s does not verify: the text was changed" % name)
                good += 1
    if not good:
        raise Fail("no signature is by the key given")
    return body


def parse_checkpoint(body):
    lines = body[:-1].split("\n")
    if len(lines) < 3 or not lines[0] or not lines[1].isdigit() or (len(lines[1]) > 1 and lines[1][0] == "0"):
        raise Fail("the checkpoint is not origin, size and root hash")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise Fail("the checkpoint's root hash is not 32 bytes")
    return lines[0], int(lines[1]), root


# ---- RFC 6962 inclusion proofs -----------------------------------------------------------

def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_inclusion(proof, index, size, leaf):
    """RFC 9162 section 2.1.3.2: the root the proof leads to."""
    if index >= size:
        raise Fail("a leaf index beyond the tree")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise Fail("an inclusion proof longer than the tree")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Fail("an inclusion proof shorter than the tree")
    return r


# ---- the events' hashed bytes ------------------------------------------------------------

FIELDS = ["prevHash", "seq", "at", "userId", "employee", "kind", "customer", "payload"]


def hashed_fields(data):
    tag = b"consentdesk-chain-v2"
    if data[:8] == struct.pack(">Q", len(tag)) and data[8:8 + len(tag)] == tag:
        out, offset = [], 0
        while offset < len(data):
            if offset + 8 > len(data):
                raise Fail("a torn hash input")
            n = struct.unpack(">Q", data[offset:offset + 8])[0]
            if offset + 8 + n > len(data):
                raise Fail("a torn hash input")
            out.append(data[offset + 8:offset + 8 + n].decode("utf-8"))
            offset += 8 + n
        if len(out) != 9:
            raise Fail("a hash input without the nine fields")
        return dict(zip(FIELDS, out[1:]))
    if not data.endswith(b"\x1f"):
        raise Fail("a hash input of no known format")
    parts = data[:-1].split(b"\x1f")
    if len(parts) != 8:
        raise Fail("a hash input without the eight fields")
    return dict(zip(FIELDS, [p.decode("utf-8") for p in parts]))


def kebab(kind):
    return "".join("-" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(kind))


def canon(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# Named fields of each kind: (pack key, path in the payload's object).
NAMED = {
    "profileSet": [("profile", "_0")], "templateAdded": [("template", "_0")],
    "templateRetired": [("templateId", "templateId")], "customerAdded": [("details", "_0")],
    "customerEdited": [("details", "_0")], "confirmed": [("confirmation", "_1")],
    "requested": [("request", "_1")], "withdrawn": [("withdrawal", "_1")],
    "imported": [("source", "source"), ("rows", "rows")], "voided": [("voids", "seq"), ("reason", "reason")],
    "noted": [("text", "text")], "keyAdded": [("key", "_0")], "keyRetired": [("keyId", "keyId")],
}
MASTER = ["companyName", "domains", "country", "cloud", "resellerId", "subscriptions"]


def check_event(shown, fields, payload, voided_by, previous_details):
    kind = fields["kind"]
    inner = payload.get(kind)
    if kind not in NAMED or not isinstance(inner, dict):
        raise Fail("an event of a kind this check does not know")
    expected = {
        "seq": int(fields["seq"]), "at": fields["at"], "kind": kebab(kind), "employee": fields["employee"],
        "partnerUserId": fields["userId"], "customer": fields["customer"] or None,
        "hash": shown.get("hash"), "prevHash": fields["prevHash"], "hashInput": shown.get("hashInput"),
        "leafIndex": int(fields["seq"]) - 1, "inclusionProof": shown.get("inclusionProof"),
    }
    for key, path in NAMED[kind]:
        expected[key] = inner.get(path)
    if voided_by:
        expected["voidedBy"], expected["voidReason"] = voided_by
    if kind == "customerEdited" and previous_details is not None:
        changes = {f: {"old": previous_details.get(f), "new": inner["_0"].get(f)}
                   for f in MASTER if canon(previous_details.get(f)) != canon(inner["_0"].get(f))}
        if changes:
            expected["changes"] = changes
    # Keys with no value are left out of the pack.
    expected = {k: v for k, v in expected.items() if v is not None or k == "customer"}
    if canon(expected) != canon(shown):
        raise Fail("event #%s: what the pack shows differs from what its hashed bytes say" % fields["seq"])


def verify(pack, keys):
    results = []
    if pack.get("format") != "consentdesk-evidence-2":
        raise Fail("the pack is not a consentdesk-evidence-2 pack (one with proofs)")
    if not isinstance(pack.get("checkpoint"), str):
        raise Fail("the pack carries no signed checkpoint")
    origin, size, root = parse_checkpoint(open_note(pack["checkpoint"], keys))
    results.append("checkpoint of %s, %d events, signed by the key given" % (origin, size))

    events = pack.get("events")
    if not isinstance(events, list) or not events:
        raise Fail("the pack lists no events")
    parsed, last_seq = [], 0
    for shown in events:
        data = base64.b64decode(shown["hashInput"], validate=True)
        if hashlib.sha256(data).hexdigest() != shown.get("hash"):
            raise Fail("event #%s: its hash is not the SHA-256 of its hashInput" % shown.get("seq"))
        fields = hashed_fields(data)
        seq = int(fields["seq"])
        if seq <= last_seq:
            raise Fail("event #%d: the events are not in the log's order" % seq)
        last_seq = seq
        proof = [base64.b64decode(h, validate=True) for h in shown.get("inclusionProof") or []]
        if shown.get("leafIndex") != seq - 1 or any(len(h) != 32 for h in proof):
            raise Fail("event #%d: no leaf index or inclusion proof" % seq)
        if root_from_inclusion(proof, seq - 1, size, leaf_hash(bytes.fromhex(shown["hash"]))) != root:
            raise Fail("event #%d: its inclusion proof does not lead to the checkpoint's root" % seq)
        parsed.append((shown, fields, json.loads(fields["payload"])))
    voids = {}
    for shown, fields, payload in parsed:
        if fields["kind"] == "voided":
            voids.setdefault(payload["voided"]["seq"], (int(fields["seq"]), payload["voided"]["reason"]))
    details = None
    for (shown, fields, payload), prev in zip(parsed, [None] + parsed[:-1]):
        previous = details
        if fields["kind"] in ("customerAdded", "customerEdited"):
            details = payload[fields["kind"]]["_0"]
        check_event(shown, fields, payload, voids.get(int(fields["seq"])), previous)
        if prev and int(prev[1]["seq"]) + 1 == int(fields["seq"]) and fields["prevHash"] != prev[0]["hash"]:
            raise Fail("event #%s: its previous hash is not the hash of the event before it" % fields["seq"])
    results.append("%d events: hashes, readable fields and inclusion proofs check" % len(parsed))

    # Complete: the desk's signed statement names exactly these events, the status and the gate.
    customer = pack.get("customer") or {}
    if not isinstance(pack.get("customerEvents"), str):
        raise Fail("the pack has no signed statement of the customer's events: completeness is not proven")
    gate = " ".join("%s=%s" % (g["transaction"], "allowed" if g["allowed"] is True else "blocked") for g in pack.get("gate", []))
    lines = ["consentdesk-customer-events/v1", origin, str(size), base64.b64encode(root).decode(), customer.get("tenantId", ""),
             "day " + str(pack.get("day")), "status " + str(pack.get("status")),
             "blocked " + ("true" if pack.get("blocked") is True else "false"), "gate " + gate, str(len(parsed))]
    lines += ["%s %s" % (f["seq"], s["hash"]) for s, f, _ in parsed]
    if open_note(pack["customerEvents"], keys) != "\n".join(lines) + "\n" or pack.get("eventCount") != len(parsed) \
            or any(f["customer"] != customer.get("tenantId") for _, f, _ in parsed):
        raise Fail("the desk's signed statement does not match the pack (an event, the status or the gate was changed)")
    results.append("complete: the desk signed these %d events, status %s and the gate on %s" % (len(parsed), pack.get("status"), pack.get("day")))

    # The summary, recomputed from the events (voided events count as if they never happened).
    consent = {"confirmation": None, "request": None, "withdrawal": None}
    for shown, fields, payload in parsed:
        kind, seq = fields["kind"], int(fields["seq"])
        if kind == "customerAdded":
            for k in consent:
                consent[k] = payload[kind]["_0"].get(k)
        elif kind in ("confirmed", "requested", "withdrawn") and seq not in voids:
            value = payload[kind]["_1"]
            if kind == "confirmed":
                consent = {"confirmation": value, "request": None, "withdrawal": None}
            else:
                consent["request" if kind == "requested" else "withdrawal"] = value
    if details is None:
        raise Fail("the pack's events never add the customer")
    wanted = dict(details, tenantId=details.get("tenantId"))
    for key in ["tenantId"] + MASTER:
        if canon(wanted.get(key)) != canon(customer.get(key)):
            raise Fail("the customer's %s shown differs from what its events give" % key)
    for key, value in consent.items():
        if canon(value) != canon(pack.get(key)):
            raise Fail("the %s shown differs from what the events give" % key)
    notes = [{"seq": int(f["seq"]), "at": f["at"], "employee": f["employee"], "text": p["noted"]["text"]}
             for s, f, p in reversed(parsed) if f["kind"] == "noted"]
    if canon(notes) != canon(pack.get("notes", [])):
        raise Fail("the notes shown differ from what the events give")
    results.append("the customer's details, confirmation, request, withdrawal and notes are what its events give")
    results.append("not proven by the pack itself: that the status and gate follow from the partner's catalogue and policy (the desk signed them)")
    return results


def main():
    parser = argparse.ArgumentParser(description="Check a ConsentDesk evidence pack with the partner's verifier key alone.")
    parser.add_argument("pack")
    parser.add_argument("--key", action="append", required=True, help="the partner's verifier key (repeat for several)")
    args = parser.parse_args()
    try:
        keys = [parse_vkey(k) for k in args.key]
        with open(args.pack, "rb") as f:
            raw = f.read(MAX_PACK + 1)
        if len(raw) > MAX_PACK:
            raise Fail("the pack is larger than a pack can be")
        pack = json.loads(raw.decode("utf-8"))
    except (Fail, OSError, ValueError) as e:
        print("cannot read: %s" % e, file=sys.stderr)
        return 2
    try:
        if not isinstance(pack, dict):
            raise Fail("the pack is not a JSON object")
        for line in verify(pack, keys):
            print(("[not proven] " if line.startswith("not proven") else "[ok] ") + line)
        print("The pack holds: these are the partner's recorded events for this customer, unaltered and complete at the signed checkpoint.")
        return 0
    except (Fail, KeyError, TypeError, ValueError, AttributeError) as e:
        print("[FAILED] %s" % (e if isinstance(e, Fail) else "the pack is not well-formed (%s: %s)" % (type(e).__name__, e)))
        print("The pack does NOT hold. Do not rely on it; ask the partner for a new pack.")
        return 4


if __name__ == "__main__":
    sys.exit(main())
