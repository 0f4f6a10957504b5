#!/usr/bin/python3
"""An OMEMO 2 device that is not Causette, for interop tests: python-omemo's Twomemo backend (Debian python3-twomemo,
the urn:xmpp:omemo:2 code that python-omemo's SessionManager runs) driven by JSON lines, with twomemo.etree for the XML.

In (stdin), one object a line: {"seq": n, "cmd": name, ...arguments}; see COMMANDS below.
Out (stdout), one object a line: {"reply": n, "result": ...} or {"reply": n, "error": text}.
"""
import asyncio
import base64
import json
import os
import sys
import traceback
from xml.etree import ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import twomemo.etree  # noqa: E402
from omemo.message import Message  # noqa: E402
from twomemo.twomemo import NAMESPACE, Twomemo  # noqa: E402

from omemo_support import MemoryStorage  # noqa: E402


class Device:
    def __init__(self, jid, device_id):
        self.jid = jid
        self.device_id = device_id
        self.backend = Twomemo(MemoryStorage(), max_num_per_session_skipped_keys=1000)

    async def bundle(self):
        if await self.backend.get_num_visible_pre_keys() == 0:
            await self.backend.generate_pre_keys(10)
        bundle = await self.backend.get_bundle(self.jid, self.device_id)
        return {"bundle": ET.tostring(twomemo.etree.serialize_bundle(bundle), encoding="unicode")}

    async def receive(self, encrypted, sender):
        """Opens the key meant for this device, building the session from a key exchange when there is one."""
        message = twomemo.etree.parse_message(ET.fromstring(encrypted), sender)
        mine = [(key, kex) for key, kex in message.keys if key.bare_jid == self.jid and key.device_id == self.device_id]
        if len(mine) != 1:
            raise ValueError(f"{len(mine)} keys for {self.jid}/{self.device_id}")
        key, kex = mine[0]
        session = await self.backend.load_session(sender, message.device_id)
        if kex is not None and (session is None or not kex.builds_same_session(session.key_exchange)):
            session, plain = await self.backend.build_session_passive(sender, message.device_id, kex, key)
            await self.backend.delete_pre_key(session)
        else:
            plain = await self.backend.decrypt_key_material(session, key)
        await self.backend.store_session(session)
        if message.content.empty:
            return {"empty": True, "kex": kex is not None}
        plaintext = await self.backend.decrypt_plaintext(message.content, plain)
        return {"plaintext": plaintext.decode("utf-8"), "kex": kex is not None}

    async def send(self, recipient, device, plaintext, bundle=None):
        """Encrypts for one device of `recipient`, from its bundle (XML) when there is no session yet."""
        content, plain = await self.backend.encrypt_plaintext(plaintext.encode("utf-8"))
        session = await self.backend.load_session(recipient, device)
        if session is None:
            parsed = twomemo.etree.parse_bundle(ET.fromstring(bundle), recipient, device)
            session, key = await self.backend.build_session_active(recipient, device, parsed, plain)
        else:
            key = await self.backend.encrypt_key_material(session, plain)
        await self.backend.store_session(session)
        kex = None if session.confirmed else session.key_exchange
        message = Message(NAMESPACE, self.jid, self.device_id, content, frozenset({(key, kex)}))
        return {"encrypted": ET.tostring(twomemo.etree.serialize_message(message), encoding="unicode")}


DEVICES = {}

COMMANDS = {
    "bundle": lambda a: DEVICES[a["device"]].bundle(),
    "receive": lambda a: DEVICES[a["device"]].receive(a["encrypted"], a["sender"]),
    "send": lambda a: DEVICES[a["device"]].send(a["recipient"], a["recipientDevice"], a["plaintext"], a.get("bundle")),
}


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        request = json.loads(line)
        try:
            if request["cmd"] == "create":
                DEVICES[request["device"]] = Device(request["jid"], request["device"])
                result = {}
            else:
                result = await COMMANDS[request["cmd"]](request)
            reply = {"reply": request["seq"], "result": result}
        except Exception as error:  # noqa: BLE001 (every failure goes back to the test)
            reply = {"reply": request["seq"], "error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


asyncio.run(main())
