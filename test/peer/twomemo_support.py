"""OMEMO 2 (XEP-0384 v0.8, urn:xmpp:omemo:2) for the slixmpp peer: python-omemo's SessionManager with the twomemo
backend (Debian's python3-omemo, python3-twomemo), an implementation independent of Causette's, over real PEP nodes and
messages. The payload is an SCE envelope (XEP-0420), built and read here. Imported only by the omemo2* commands."""
import secrets
from xml.etree import ElementTree as ET

import omemo
import twomemo
import twomemo.etree
from omemo.types import TrustLevel
from slixmpp.exceptions import IqError

from omemo_support import MemoryStorage, real_sender

NS = twomemo.twomemo.NAMESPACE
NS_PUBSUB = "http://jabber.org/protocol/pubsub"
NS_SCE = "urn:xmpp:sce:1"
DEVICES = f"{NS}:devices"
BUNDLES = f"{NS}:bundles"


def publish_options(many_items):
    """XEP-0060 §7.1.5: anyone may read the node; the bundles node keeps one item per device (XEP-0384 v0.8 §5.3.2)."""
    options = ET.Element(f"{{{NS_PUBSUB}}}publish-options")
    form = ET.SubElement(options, "{jabber:x:data}x", {"type": "submit"})
    fields = [("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options"), ("pubsub#access_model", "open")]
    if many_items:
        fields.append(("pubsub#max_items", "max"))
    for var, value in fields:
        field = ET.SubElement(form, "{jabber:x:data}field", {"var": var})
        ET.SubElement(field, "{jabber:x:data}value").text = value
    return options


def envelope(body, sender, to=None):
    """XEP-0384 v0.8 §5.5.1: rpad and from, and to for a room message."""
    root = ET.Element(f"{{{NS_SCE}}}envelope")
    ET.SubElement(ET.SubElement(root, f"{{{NS_SCE}}}content"), "{jabber:client}body").text = body
    ET.SubElement(root, f"{{{NS_SCE}}}rpad").text = secrets.token_hex(secrets.randbelow(20) + 1)
    if to is not None:
        ET.SubElement(root, f"{{{NS_SCE}}}to", {"jid": to})
    ET.SubElement(root, f"{{{NS_SCE}}}from", {"jid": sender})
    return ET.tostring(root)


def read_envelope(plaintext, sender):
    """The body and the affixes, which the test checks: to (a room message's room), time."""
    root = ET.fromstring(plaintext)
    named = root.find(f"{{{NS_SCE}}}from")
    if root.tag != f"{{{NS_SCE}}}envelope" or named is None or named.get("jid") != sender:
        raise ValueError(f"not an SCE envelope from {sender}: {plaintext!r}")
    to = root.find(f"{{{NS_SCE}}}to")
    time = root.find(f"{{{NS_SCE}}}time")
    return {
        "body": root.findtext(f"{{{NS_SCE}}}content/{{jabber:client}}body"),
        "to": None if to is None else to.get("jid"),
        "time": None if time is None else time.get("stamp"),
        "rpad": root.find(f"{{{NS_SCE}}}rpad") is not None,
    }


def session_manager_class(peer):
    async def publish(node, item_id, payload, many_items):
        iq = peer.make_iq_set()
        pubsub = ET.Element(f"{{{NS_PUBSUB}}}pubsub")
        item = ET.SubElement(ET.SubElement(pubsub, f"{{{NS_PUBSUB}}}publish", {"node": node}), f"{{{NS_PUBSUB}}}item", {"id": item_id})
        item.append(payload)
        pubsub.append(publish_options(many_items))
        iq.append(pubsub)
        await iq.send()

    async def item(jid, node, item_id=None):
        iq = peer.make_iq_get(ito=jid)
        pubsub = ET.Element(f"{{{NS_PUBSUB}}}pubsub")
        items = ET.SubElement(pubsub, f"{{{NS_PUBSUB}}}items", {"node": node})
        if item_id is None:
            items.set("max_items", "1")
        else:
            ET.SubElement(items, f"{{{NS_PUBSUB}}}item", {"id": item_id})
        iq.append(pubsub)
        result = await iq.send()
        found = result.xml.findall(f".//{{{NS_PUBSUB}}}item")
        return list(found[-1]) if found else []

    class PeerSessionManager(omemo.SessionManager):
        @staticmethod
        async def _upload_bundle(bundle):
            await publish(BUNDLES, str(bundle.device_id), twomemo.etree.serialize_bundle(bundle), True)

        @staticmethod
        async def _download_bundle(namespace, bare_jid, device_id):
            try:
                payload = await item(bare_jid, BUNDLES, str(device_id))
            except IqError as error:
                raise omemo.BundleDownloadFailed(str(error)) from error
            if not payload:
                raise omemo.BundleNotFound(f"no bundle for {bare_jid} {device_id}")
            return twomemo.etree.parse_bundle(payload[0], bare_jid, device_id)

        @staticmethod
        async def _delete_bundle(namespace, device_id):
            return None

        @staticmethod
        async def _upload_device_list(namespace, device_list):
            await publish(DEVICES, "current", twomemo.etree.serialize_device_list(device_list), False)

        @staticmethod
        async def _download_device_list(namespace, bare_jid):
            try:
                payload = await item(bare_jid, DEVICES)
            except IqError as error:
                if error.condition == "item-not-found":
                    return {}
                raise omemo.DeviceListDownloadFailed(str(error)) from error
            return twomemo.etree.parse_device_list(payload[0]) if payload else {}

        async def _evaluate_custom_trust_level(self, device):
            # The test peer trusts every device blindly.
            return TrustLevel.TRUSTED

        async def _make_trust_decision(self, undecided, identifier):
            return None

        @staticmethod
        async def _send_message(message, bare_jid):
            stanza = peer.make_message(mto=bare_jid, mtype="chat")
            stanza.append(twomemo.etree.serialize_message(message))
            stanza.send()

    return PeerSessionManager


class Omemo2Peer:
    def __init__(self, peer):
        self.peer = peer
        self.manager = None
        self.decrypted = []
        self.failures = []

    async def start(self):
        manager_class = session_manager_class(self.peer)
        self.manager = await manager_class.create([twomemo.Twomemo(MemoryStorage())], MemoryStorage(), self.peer.boundjid.bare, "python", "blind")
        await self.manager.after_history_sync()
        self.peer.add_event_handler("message", self.received)
        own, _ = await self.manager.get_own_device_information()
        return own.device_id

    async def _send(self, to, mtype, recipients, plaintext):
        """`plaintext` (an SCE envelope) encrypted for every device of `recipients` and our other ones, in one stanza to `to`."""
        for jid in recipients:
            await self.manager.refresh_device_list(NS, jid)
        messages, errors = await self.manager.encrypt(frozenset(recipients), {NS: plaintext})
        if not messages:
            raise RuntimeError(f"nothing to send: {errors}")
        stanza = self.peer.make_message(mto=to, mtype=mtype, mbody="I sent you an OMEMO 2 encrypted message")
        for message in messages:
            stanza.append(twomemo.etree.serialize_message(message))
        stanza.append(ET.Element("{urn:xmpp:hints}store"))
        stanza.send()
        return {"errors": [str(error) for error in errors]}

    async def send(self, to, body):
        return await self._send(to, "chat", [to], envelope(body, self.peer.boundjid.bare))

    async def send_groupchat(self, room, members, body):
        """A room message encrypted for the members' devices (their real JIDs, as the room shows them) and ours (v0.8 §5.8)."""
        return await self._send(room, "groupchat", members, envelope(body, self.peer.boundjid.bare, room))

    async def received(self, stanza):
        element = stanza.xml.find(f"{{{NS}}}encrypted")
        if element is None or self.manager is None:
            return
        sender = real_sender(self.peer, stanza)
        # Our own room message reflected: it holds no key for this device.
        if sender == self.peer.boundjid.bare and stanza["type"] == "groupchat":
            return
        try:
            if sender is None:
                raise RuntimeError(f"the room does not show who {stanza['from']} is")
            message = twomemo.etree.parse_message(element, sender)
            plaintext, device, _ = await self.manager.decrypt(message)
            if plaintext is not None:
                self.decrypted.append({"from": sender, "device": device.device_id, "type": stanza["type"], **read_envelope(plaintext, sender)})
        except Exception as error:  # reported to the test, which asserts there are none
            self.failures.append(f"{type(error).__name__}: {error}")
