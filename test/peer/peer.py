#!/usr/bin/python3
"""An XMPP client that is not Causette, for interop tests: slixmpp (Debian python3-slixmpp) driven by JSON lines.

Usage: peer.py <jid> <password> <host> <port> <ca-file>   (STARTTLS, the CA verifies the server's certificate)
In (stdin), one object a line: {"seq": n, "cmd": name, ...arguments}; see COMMANDS below.
Out (stdout), one object a line: {"ready": full_jid} once online, {"reply": n, "result": ...} or {"reply": n, "error": text}
per command, {"stanza": {"xml": text, "tree": node}} for every stanza received, as slixmpp parsed it (a node is
{"name", "ns", "attrs", "text", "children"}), and {"fatal": text} before exiting on failure.
"""
import asyncio
import json
import sys
from xml.etree import ElementTree as ET

import slixmpp


def tree(element):
    namespace, _, name = element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
    return {
        "name": name,
        "ns": namespace,
        "attrs": dict(element.attrib),
        "text": element.text or "",
        "children": [tree(child) for child in element],
    }


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class Peer(slixmpp.ClientXMPP):
    def __init__(self, jid, password):
        super().__init__(jid, password)
        # The test decides every answer: no automatic receipts, approvals or subscriptions back.
        self.roster.auto_authorize = None
        self.roster.auto_subscribe = False
        for plugin in ("xep_0030", "xep_0045", "xep_0249", "xep_0280", "xep_0333", "xep_0308", "xep_0359"):
            self.register_plugin(plugin)
        self.register_plugin("xep_0184", {"auto_ack": False, "auto_request": False})
        self.add_filter("in", self.report)
        self.add_event_handler("session_start", self.started)
        self.add_event_handler("failed_auth", lambda _: self.fail("authentication failed"))
        self.add_event_handler("connection_failed", lambda error: self.fail(f"connection failed: {error}"))

    def report(self, stanza):
        emit({"stanza": {"xml": str(stanza), "tree": tree(stanza.xml)}})
        return stanza

    def fail(self, text):
        emit({"fatal": text})
        self.loop.stop()

    async def started(self, _event):
        await self.get_roster()
        self.send_presence()
        emit({"ready": str(self.boundjid)})


def build_message(peer, args):
    """A message as slixmpp's plugins build it: body, origin-id (XEP-0359), receipt request (XEP-0184 §5.1),
    markable (XEP-0333 §3), replace (XEP-0308 §3)."""
    msg = peer.make_message(mto=args["to"], mbody=args.get("body"), mtype=args.get("type", "chat"))
    if "messageId" in args:
        msg["id"] = args["messageId"]
    if "originId" in args:
        msg["origin_id"]["id"] = args["originId"]
    if args.get("requestReceipt"):
        msg["request_receipt"] = True
    if args.get("markable"):
        msg["markable"] = True
    if "replace" in args:
        msg["replace"]["id"] = args["replace"]
    return msg


async def send_message(peer, args):
    msg = build_message(peer, args)
    msg.send()
    return {"id": msg["id"], "xml": str(msg)}


async def receipt(peer, args):
    # XEP-0184 §5.2: the receipt names the id of the message received.
    msg = peer.make_message(mto=args["to"], mtype="chat")
    msg["receipt"] = args["id"]
    msg.send()
    return {"xml": str(msg)}


async def displayed(peer, args):
    # XEP-0333 §3: a displayed marker names the id of the message read.
    msg = peer.make_message(mto=args["to"], mtype="chat")
    msg["displayed"]["id"] = args["id"]
    msg.send()
    return {"xml": str(msg)}


async def enable_carbons(peer, _args):
    await peer.plugin["xep_0280"].enable(timeout=10)
    return None


async def presence(peer, args):
    # RFC 6121 §3: subscribe, subscribed, unsubscribe…; without a type, our availability (§4) with show and status.
    if "type" in args:
        peer.send_presence(pto=args["to"], ptype=args["type"])
    else:
        peer.send_presence(pto=args.get("to"), pshow=args.get("show"), pstatus=args.get("status"))
    return None


async def join_room(peer, args):
    # XEP-0045 §7.2: joins and waits for the room's own presence (110); a refusal comes back as an error.
    await peer.plugin["xep_0045"].join_muc_wait(args["room"], args["nick"], password=args.get("password"), maxstanzas=args.get("maxStanzas", 0), timeout=10)
    return None


async def create_room(peer, args):
    # XEP-0045 §10.1.2: joining a room that is not there creates it; an empty submit makes it an instant room.
    muc = peer.plugin["xep_0045"]
    await muc.join_muc_wait(args["room"], args["nick"], maxstanzas=0, timeout=10)
    form = peer.plugin["xep_0004"].make_form(ftype="submit")
    if args.get("public") or args.get("moderated"):
        form.add_field(var="FORM_TYPE", ftype="hidden", value="http://jabber.org/protocol/muc#roomconfig")
    if args.get("public"):
        # §10.2 muc#roomconfig_publicroom: listed in the service's disco#items (§6.3).
        form.add_field(var="muc#roomconfig_publicroom", ftype="boolean", value=True)
    if args.get("moderated"):
        # §10.2 muc#roomconfig_moderatedroom: those without affiliation come in as visitors (§7.1).
        form.add_field(var="muc#roomconfig_moderatedroom", ftype="boolean", value=True)
    await muc.set_room_config(args["room"], form, timeout=10)
    return None


async def leave_room(peer, args):
    peer.plugin["xep_0045"].leave_muc(args["room"], args["nick"])
    return None


async def send_groupchat(peer, args):
    # XEP-0045 §7.4, with an origin-id (XEP-0359) as Causette's own messages carry.
    msg = peer.make_message(mto=args["room"], mbody=args["body"], mtype="groupchat")
    if "originId" in args:
        msg["origin_id"]["id"] = args["originId"]
    msg.send()
    return {"id": msg["id"], "xml": str(msg)}


async def set_subject(peer, args):
    peer.plugin["xep_0045"].set_subject(args["room"], args["subject"])
    return None


async def kick(peer, args):
    # XEP-0045 §8.2: a moderator sets the occupant's role to none.
    await peer.plugin["xep_0045"].set_role(args["room"], args["nick"], "none", reason=args.get("reason", ""), timeout=10)
    return None


async def ban(peer, args):
    # XEP-0045 §9.1: an admin sets the user's affiliation to outcast.
    await peer.plugin["xep_0045"].set_affiliation(args["room"], "outcast", jid=args["jid"], reason=args.get("reason", ""), timeout=10)
    return None


async def set_affiliation(peer, args):
    # XEP-0045 §9.3: e.g. making a user a member of a members-only room.
    await peer.plugin["xep_0045"].set_affiliation(args["room"], args["affiliation"], jid=args["jid"], timeout=10)
    return None


async def direct_invite(peer, args):
    # XEP-0249 §2: to the contact, naming the room.
    peer.plugin["xep_0249"].send_invitation(args["to"], args["room"], password=args.get("password"), reason=args.get("reason"))
    return None


async def mediated_invite(peer, args):
    # XEP-0045 §7.8.2: through the room, which passes it on.
    peer.plugin["xep_0045"].invite(args["room"], args["to"], args.get("reason", ""))
    return None


async def request_voice(peer, args):
    # XEP-0045 §7.13: a visitor asks for voice with a submitted muc#request form.
    form = peer.plugin["xep_0004"].make_form(ftype="submit")
    form.add_field(var="FORM_TYPE", value="http://jabber.org/protocol/muc#request")
    form.add_field(var="muc#role", ftype="list-single", value="participant")
    msg = peer.make_message(mto=args["room"])
    msg.append(form)
    msg.send()
    return None


async def publish_bookmark(peer, args):
    # XEP-0402 §3.4 with §5's publish-options, written out (Debian's slixmpp 1.8 has no xep_0402 plugin).
    ns = "urn:xmpp:bookmarks:1"
    conference = ET.Element(f"{{{ns}}}conference", {"autojoin": "true" if args.get("autojoin") else "false"})
    if args.get("name"):
        conference.set("name", args["name"])
    if args.get("nick"):
        ET.SubElement(conference, f"{{{ns}}}nick").text = args["nick"]
    iq = peer.make_iq_set()
    pubsub = ET.SubElement(iq.xml, "{http://jabber.org/protocol/pubsub}pubsub")
    publish = ET.SubElement(pubsub, "{http://jabber.org/protocol/pubsub}publish", {"node": ns})
    ET.SubElement(publish, "{http://jabber.org/protocol/pubsub}item", {"id": args["room"]}).append(conference)
    options = ET.SubElement(ET.SubElement(pubsub, "{http://jabber.org/protocol/pubsub}publish-options"), "{jabber:x:data}x", {"type": "submit"})
    for var, value in (("FORM_TYPE", "http://jabber.org/protocol/pubsub#publish-options"), ("pubsub#persist_items", "true"),
                       ("pubsub#max_items", "max"), ("pubsub#send_last_published_item", "never"), ("pubsub#access_model", "whitelist")):
        ET.SubElement(ET.SubElement(options, "{jabber:x:data}field", {"var": var}), "{jabber:x:data}value").text = value
    await iq.send(timeout=10)
    return None


async def omemo_start(peer, _args):
    """OMEMO 0.3 with python-omemo (imported here: only the OMEMO interop test needs Debian's python3-omemo)."""
    from omemo_support import OmemoPeer

    peer.omemo = OmemoPeer(peer)
    return await peer.omemo.start()


async def omemo_send(peer, args):
    return await peer.omemo.send(args["to"], args["body"])


async def omemo_send_groupchat(peer, args):
    return await peer.omemo.send_groupchat(args["room"], args["members"], args["body"])


async def omemo_send_private(peer, args):
    return await peer.omemo.send_private(args["to"], args["member"], args["body"])


async def omemo_received(peer, _args):
    return {"decrypted": peer.omemo.decrypted, "failures": peer.omemo.failures}


async def omemo2_start(peer, _args):
    """OMEMO 2 with python-omemo's twomemo backend (Debian's python3-twomemo), imported here like OMEMO 0.3."""
    from twomemo_support import Omemo2Peer

    peer.omemo2 = Omemo2Peer(peer)
    return await peer.omemo2.start()


async def omemo2_send(peer, args):
    return await peer.omemo2.send(args["to"], args["body"])


async def omemo2_send_groupchat(peer, args):
    return await peer.omemo2.send_groupchat(args["room"], args["members"], args["body"])


async def omemo2_received(peer, _args):
    return {"decrypted": peer.omemo2.decrypted, "failures": peer.omemo2.failures}


async def store_legacy_bookmarks(peer, args):
    # XEP-0048 §3.2 in private XML storage (XEP-0049), by slixmpp's own plugin; enabled here only, so that other tests'
    # peers do not carry its PEP +notify in their caps.
    peer.register_plugin("xep_0048")
    from slixmpp.plugins.xep_0048 import Bookmarks

    bookmarks = Bookmarks()
    for room in args["rooms"]:
        bookmarks.add_conference(room["room"], room.get("nick"), name=room.get("name"), autojoin=room.get("autojoin", False), password=room.get("password"))
    await peer.plugin["xep_0048"].set_bookmarks(bookmarks, method="xep_0049", timeout=10)
    return None


COMMANDS = {
    "omemoStart": omemo_start,
    "omemoSend": omemo_send,
    "omemoReceived": omemo_received,
    "omemoSendGroupchat": omemo_send_groupchat,
    "omemoSendPrivate": omemo_send_private,
    "omemo2Start": omemo2_start,
    "omemo2Send": omemo2_send,
    "omemo2SendGroupchat": omemo2_send_groupchat,
    "omemo2Received": omemo2_received,
    "publishBookmark": publish_bookmark,
    "storeLegacyBookmarks": store_legacy_bookmarks,
    "directInvite": direct_invite,
    "mediatedInvite": mediated_invite,
    "joinRoom": join_room,
    "createRoom": create_room,
    "leaveRoom": leave_room,
    "sendGroupchat": send_groupchat,
    "setSubject": set_subject,
    "kick": kick,
    "ban": ban,
    "setAffiliation": set_affiliation,
    "requestVoice": request_voice,
    "sendMessage": send_message,
    "receipt": receipt,
    "displayed": displayed,
    "enableCarbons": enable_carbons,
    "presence": presence,
}


async def serve(peer):
    reader = asyncio.StreamReader()
    await peer.loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        request = json.loads(line)
        name = request.get("cmd")
        if name == "stop":
            break
        handler = COMMANDS.get(name)
        try:
            if handler is None:
                raise ValueError(f"unknown command {name!r}")
            emit({"reply": request.get("seq"), "result": await handler(peer, request)})
        except Exception as error:  # every failure goes back to the test as text, the peer stays up
            emit({"reply": request.get("seq"), "error": f"{type(error).__name__}: {error}"})
    await peer.disconnect(wait=2)


def main():
    if len(sys.argv) != 6:
        emit({"fatal": "usage: peer.py <jid> <password> <host> <port> <ca-file>"})
        sys.exit(2)
    jid, password, host, port, ca_file = sys.argv[1:]
    peer = Peer(jid, password)
    peer.ca_certs = ca_file
    peer.connect((host, int(port)))
    peer.loop.run_until_complete(serve(peer))


main()
