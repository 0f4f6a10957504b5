"""OMEMO 0.3 (XEP-0384 v0.3.0, eu.siacs.conversations.axolotl) for the slixmpp peer, with Debian's python3-omemo and
python3-oldmemo (python-omemo 1.0, an implementation independent of Causette's). Imported only by the omemo* commands."""
from xml.etree import ElementTree as ET

import oldmemo
import oldmemo.etree
import omemo
from omemo.storage import Just, Nothing, Storage
from omemo.types import TrustLevel
from slixmpp import JID
from slixmpp.exceptions import IqError

NS = oldmemo.oldmemo.NAMESPACE
NS_PUBSUB = "http://jabber.org/protocol/pubsub"
DEVICE_LIST = f"{NS}.devicelist"


class MemoryStorage(Storage):
    def __init__(self):
        super().__init__()
        self.data = {}

    async def _load(self, key):
        return Just(self.data[key]) if key in self.data else Nothing()

    async def _store(self, key, value):
        self.data[key] = value

    async def _delete(self, key):
        self.data.pop(key, None)


def open_options():
    """XEP-0060 §7.1.5 publish-options: anyone may read the node (XEP-0384 §4.2)."""
    options = ET.Element(f"{{{NS_PUBSUB}}}publish-options")
    form = ET.SubElement(options, "{jabber:x:data}x", {"type": "submit"})
    for var, value in (("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options"), ("pubsub#access_model", "open")):
        field = ET.SubElement(form, "{jabber:x:data}field", {"var": var})
        ET.SubElement(field, "{jabber:x:data}value").text = value
    return options


def session_manager_class(peer):
    async def publish(node, payload):
        iq = peer.make_iq_set()
        pubsub = ET.Element(f"{{{NS_PUBSUB}}}pubsub")
        item = ET.SubElement(ET.SubElement(pubsub, f"{{{NS_PUBSUB}}}publish", {"node": node}), f"{{{NS_PUBSUB}}}item", {"id": "current"})
        item.append(payload)
        pubsub.append(open_options())
        iq.append(pubsub)
        await iq.send()

    async def items(jid, node):
        iq = peer.make_iq_get(ito=jid)
        pubsub = ET.Element(f"{{{NS_PUBSUB}}}pubsub")
        ET.SubElement(pubsub, f"{{{NS_PUBSUB}}}items", {"node": node, "max_items": "1"})
        iq.append(pubsub)
        result = await iq.send()
        found = result.xml.findall(f".//{{{NS_PUBSUB}}}item")
        return list(found[-1]) if found else []

    class PeerSessionManager(omemo.SessionManager):
        @staticmethod
        async def _upload_bundle(bundle):
            await publish(f"{NS}.bundles:{bundle.device_id}", oldmemo.etree.serialize_bundle(bundle))

        @staticmethod
        async def _download_bundle(namespace, bare_jid, device_id):
            try:
                payload = await items(bare_jid, f"{NS}.bundles:{device_id}")
            except IqError as error:
                raise omemo.BundleDownloadFailed(str(error)) from error
            if not payload:
                raise omemo.BundleNotFound(f"no bundle for {bare_jid} {device_id}")
            return oldmemo.etree.parse_bundle(payload[0], bare_jid, device_id)

        @staticmethod
        async def _delete_bundle(namespace, device_id):
            return None

        @staticmethod
        async def _upload_device_list(namespace, device_list):
            await publish(DEVICE_LIST, oldmemo.etree.serialize_device_list(device_list))

        @staticmethod
        async def _download_device_list(namespace, bare_jid):
            try:
                payload = await items(bare_jid, DEVICE_LIST)
            except IqError as error:
                if error.condition == "item-not-found":
                    return {}
                raise omemo.DeviceListDownloadFailed(str(error)) from error
            return oldmemo.etree.parse_device_list(payload[0]) if payload else {}

        async def _evaluate_custom_trust_level(self, device):
            # The test peer trusts every device blindly.
            return TrustLevel.TRUSTED

        async def _make_trust_decision(self, undecided, identifier):
            return None

        @staticmethod
        async def _send_message(message, bare_jid):
            stanza = peer.make_message(mto=bare_jid, mtype="chat")
            stanza.append(oldmemo.etree.serialize_message(message))
            stanza.send()

    return PeerSessionManager


def real_sender(peer, stanza):
    """The real bare JID of who sent it: in a room (or privately through it), the occupant's, which a non-anonymous room
    shows in its presence."""
    private = stanza.xml.find("{http://jabber.org/protocol/muc#user}x") is not None and stanza["from"].bare in peer.plugin["xep_0045"].rooms
    if stanza["type"] != "groupchat" and not private:
        return stanza["from"].bare
    real = peer.plugin["xep_0045"].get_jid_property(stanza["from"].bare, stanza["from"].resource, "jid")
    return JID(str(real)).bare if real else None


class OmemoPeer:
    def __init__(self, peer):
        self.peer = peer
        self.manager = None
        self.decrypted = []
        self.failures = []

    async def start(self):
        manager_class = session_manager_class(self.peer)
        self.manager = await manager_class.create([oldmemo.Oldmemo(MemoryStorage())], MemoryStorage(), self.peer.boundjid.bare, None, "blind")
        await self.manager.after_history_sync()
        self.peer.add_event_handler("message", self.received)
        own, _ = await self.manager.get_own_device_information()
        return own.device_id

    async def send(self, to, body):
        await self.manager.refresh_device_list(NS, to)
        messages, errors = await self.manager.encrypt(frozenset([to]), {NS: body.encode("utf-8")})
        if not messages:
            raise RuntimeError(f"nothing to send: {errors}")
        stanza = self.peer.make_message(mto=to, mtype="chat", mbody="I sent you an OMEMO encrypted message")
        for message in messages:
            stanza.append(oldmemo.etree.serialize_message(message))
        stanza.append(ET.Element("{urn:xmpp:hints}store"))
        stanza.send()
        return {"errors": [str(error) for error in errors]}

    async def send_groupchat(self, room, members, body):
        """A room message encrypted for the members' devices (their real JIDs, as the room shows them) and ours."""
        for jid in members:
            await self.manager.refresh_device_list(NS, jid)
        messages, errors = await self.manager.encrypt(frozenset(members), {NS: body.encode("utf-8")})
        if not messages:
            raise RuntimeError(f"nothing to send: {errors}")
        stanza = self.peer.make_message(mto=room, mtype="groupchat", mbody="I sent you an OMEMO encrypted message")
        for message in messages:
            stanza.append(oldmemo.etree.serialize_message(message))
        stanza.append(ET.Element("{urn:xmpp:hints}store"))
        stanza.send()
        return {"errors": [str(error) for error in errors]}

    async def send_private(self, to, member, body):
        """A private message through a room (XEP-0045 §7.5) to the occupant `to`, encrypted for `member`, their real bare JID."""
        await self.manager.refresh_device_list(NS, member)
        messages, errors = await self.manager.encrypt(frozenset([member]), {NS: body.encode("utf-8")})
        if not messages:
            raise RuntimeError(f"nothing to send: {errors}")
        stanza = self.peer.make_message(mto=to, mtype="chat", mbody="I sent you an OMEMO encrypted message")
        stanza.append(ET.Element("{http://jabber.org/protocol/muc#user}x"))
        for message in messages:
            stanza.append(oldmemo.etree.serialize_message(message))
        stanza.append(ET.Element("{urn:xmpp:hints}store"))
        stanza.send()
        return {"errors": [str(error) for error in errors]}

    def sender(self, stanza):
        return real_sender(self.peer, stanza)

    async def received(self, stanza):
        element = stanza.xml.find(f"{{{NS}}}encrypted")
        if element is None or self.manager is None:
            return
        sender = self.sender(stanza)
        # Our own room message reflected: it holds no key for this device.
        if sender == self.peer.boundjid.bare and stanza["type"] == "groupchat":
            return
        try:
            if sender is None:
                raise RuntimeError(f"the room does not show who {stanza['from']} is")
            message = await oldmemo.etree.parse_message(element, sender, self.peer.boundjid.bare, self.manager)
            plaintext, device, _ = await self.manager.decrypt(message)
            if plaintext is not None:
                self.decrypted.append({"from": sender, "device": device.device_id, "body": plaintext.decode("utf-8"), "type": stanza["type"]})
        except Exception as error:  # reported to the test, which asserts there are none
            self.failures.append(f"{type(error).__name__}: {error}")
