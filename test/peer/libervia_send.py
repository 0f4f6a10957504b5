"""Sends one file with a running Libervia backend (over its D-Bus bridge) and exits once the transfer is over.

libervia-cli's `file send` can miss the end of a quick transfer: it listens for the progress that the backend names
only in its answer, and a progressFinished signal arriving before that answer is dropped, so the command never exits.
Here the signals are listened to before the file is offered and kept until its progress id is known.

Usage: libervia_send.py PROFILE PATH TO_JID [--encrypted]; exit 0 once finished, 1 on a progress error (printed), 2 on a
bridge error. --encrypted: end to end (XEP-0391 with OMEMO), refused by Libervia unless OMEMO is on with TO_JID.
"""

import json
import sys

import dbus
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

PREFIX = "org.libervia.Libervia"
PATH = "/org/libervia/Libervia/bridge"


def main() -> int:
    profile, path, to = sys.argv[1:4]
    extra = {"encrypted": True} if "--encrypted" in sys.argv[4:] else {}
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    bridge = bus.get_object(PREFIX, PATH)
    loop = GLib.MainLoop()
    ended = {}
    progress = {}
    outcome = {"code": None}

    def settle():
        uid = progress.get("id")
        if uid is not None and uid in ended:
            code, message = ended[uid]
            if message:
                print(message, file=sys.stderr)
            outcome["code"] = code
            loop.quit()

    def finished(uid, metadata, prof):
        if prof == profile:
            ended.setdefault(str(uid), (0, ""))
            settle()

    def failed(uid, error, prof):
        if prof == profile:
            ended.setdefault(str(uid), (1, f"progress error: {error}"))
            settle()

    bus.add_signal_receiver(finished, "progressFinished", PREFIX + ".core", path=PATH)
    bus.add_signal_receiver(failed, "progressError", PREFIX + ".core", path=PATH)

    def sent(data):
        uid = data.get("progress")
        if uid is None:
            print(f"no transfer started: {dict(data)}", file=sys.stderr)
            outcome["code"] = 2
            loop.quit()
            return
        progress["id"] = str(uid)
        print(f"progress {uid}", flush=True)
        settle()

    def error(err):
        print(f"fileSend failed: {err}", file=sys.stderr)
        outcome["code"] = 2
        loop.quit()

    bridge.fileSend(to, path, "", "", json.dumps(extra), profile, dbus_interface=PREFIX + ".plugin", reply_handler=sent, error_handler=error, timeout=120)
    loop.run()
    return outcome["code"] if outcome["code"] is not None else 2


if __name__ == "__main__":
    sys.exit(main())
