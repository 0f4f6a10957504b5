// An XMPP client that is not Causette (test/peer/peer.py, slixmpp) for interop tests: commands over stdin, and every
// stanza it received reported back as parsed by slixmpp, so a bug shared by both ends of Causette cannot hide.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const python = '/usr/bin/python3';
const script = fileURLToPath(new URL('../peer/peer.py', import.meta.url));
export const slixmppHint = 'the slixmpp peer needs Debian’s python3-slixmpp for /usr/bin/python3 (sudo apt-get install python3-slixmpp)';

/** An element as slixmpp parsed it. */
export interface XmlNode {
  readonly name: string;
  readonly ns: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly XmlNode[];
}

export interface ReceivedStanza {
  readonly xml: string;
  readonly tree: XmlNode;
}

export interface PeerMessage {
  readonly to: string;
  readonly body?: string;
  /** The stanza's id attribute (slixmpp makes one up when left out). */
  readonly messageId?: string;
  /** XEP-0359 origin-id. */
  readonly originId?: string;
  /** XEP-0184 §5.1. */
  readonly requestReceipt?: boolean;
  /** XEP-0333 §3. */
  readonly markable?: boolean;
  /** XEP-0308: the id of the message this one corrects. */
  readonly replace?: string;
}

/** A message python-omemo's twomemo opened: the sender's real bare JID, and what its SCE envelope held (XEP-0420 §4). */
export interface Omemo2Decrypted {
  readonly from: string;
  readonly device: number;
  readonly type: string;
  readonly body: string;
  /** The <to/> affix: the room, for a room message. */
  readonly to: string | null;
  /** The <time/> affix's stamp. */
  readonly time: string | null;
  readonly rpad: boolean;
}

export interface SlixmppPeer {
  /** The full JID the server bound. */
  readonly jid: string;
  readonly pid: number;
  /** Every stanza received since sign-in, oldest first. */
  readonly received: readonly ReceivedStanza[];
  sendMessage(message: PeerMessage): Promise<{ id: string; xml: string }>;
  /** XEP-0184 §5.2. */
  receipt(to: string, id: string): Promise<void>;
  /** XEP-0333 §3. */
  displayed(to: string, id: string): Promise<void>;
  /** XEP-0280 §4. */
  enableCarbons(): Promise<void>;
  /** RFC 6121: a presence of `type` (subscribe, subscribed…) to `to`, or without a type our availability (§4.7.2). */
  presence(args: { to?: string; type?: string; show?: 'away' | 'chat' | 'dnd' | 'xa'; status?: string }): Promise<void>;
  /** XEP-0045 §7.2: joins and waits for the room's 110 presence; maxStanzas of history (default none). */
  joinRoom(args: { room: string; nick: string; password?: string; maxStanzas?: number }): Promise<void>;
  /** XEP-0045 §10.1.2: creates an instant room, of which the peer is the owner. */
  /** Creates the room with the service's defaults, or listed publicly (muc#roomconfig_publicroom), or moderated. */
  createRoom(room: string, nick: string, options?: { readonly public?: boolean; readonly moderated?: boolean }): Promise<void>;
  leaveRoom(room: string, nick: string): Promise<void>;
  /** XEP-0045 §7.4. */
  sendGroupchat(args: { room: string; body: string; originId?: string }): Promise<{ id: string; xml: string }>;
  /** XEP-0045 §8.1. */
  setSubject(room: string, subject: string): Promise<void>;
  /** XEP-0045 §8.2, as a moderator. */
  kick(args: { room: string; nick: string; reason?: string }): Promise<void>;
  /** XEP-0045 §9.1, as an admin or owner. */
  ban(args: { room: string; jid: string; reason?: string }): Promise<void>;
  /** XEP-0045 §9.3–§10.7: member, admin, owner, none. */
  setAffiliation(args: { room: string; jid: string; affiliation: 'owner' | 'admin' | 'member' | 'none' }): Promise<void>;
  /** XEP-0249 §2: a direct invitation to a room. */
  directInvite(args: { to: string; room: string; password?: string; reason?: string }): Promise<void>;
  /** XEP-0045 §7.8.2: an invitation through the room. */
  mediatedInvite(args: { room: string; to: string; reason?: string }): Promise<void>;
  /** XEP-0045 §7.13: asks the room's moderators for voice. */
  requestVoice(room: string): Promise<void>;
  /** XEP-0402 §3.4: saves a room in the account's own bookmarks node, as another client of the account. */
  publishBookmark(args: { room: string; name?: string; nick?: string; autojoin: boolean }): Promise<void>;
  /** OMEMO 0.3 with python-omemo (Debian's python3-omemo, python3-oldmemo): publishes the peer's device; answers its id. */
  omemoStart(): Promise<number>;
  /** XEP-0384 v0.3.0 §4.5: an encrypted message to `to`'s devices; answers what could not be encrypted for. */
  omemoSend(to: string, body: string): Promise<{ errors: string[] }>;
  /** An encrypted room message for the members' devices (their real bare JIDs) and the peer's other devices. */
  omemoSendGroupchat(room: string, members: readonly string[], body: string): Promise<{ errors: string[] }>;
  /** A private message through a room to the occupant `to` (room@service/nick), encrypted for `member`, their real bare JID. */
  omemoSendPrivate(to: string, member: string, body: string): Promise<{ errors: string[] }>;
  /** What the peer decrypted so far (`from` the sender's real bare JID, in a room too), and what it could not. */
  omemoReceived(): Promise<{ decrypted: { from: string; device: number; body: string; type: string }[]; failures: string[] }>;
  /** OMEMO 2 with python-omemo's twomemo backend (Debian's python3-twomemo): publishes the peer's device; answers its id. */
  omemo2Start(): Promise<number>;
  /** XEP-0384 v0.8 §4.4: an SCE envelope with `body`, encrypted for `to`'s OMEMO 2 devices. */
  omemo2Send(to: string, body: string): Promise<{ errors: string[] }>;
  /** XEP-0384 v0.8 §5.8: a room message, its envelope naming the room, encrypted for the members' OMEMO 2 devices (real bare JIDs). */
  omemo2SendGroupchat(room: string, members: readonly string[], body: string): Promise<{ errors: string[] }>;
  /** What the peer decrypted with OMEMO 2 so far (with the envelope's affixes), and what it could not. */
  omemo2Received(): Promise<{ decrypted: Omemo2Decrypted[]; failures: string[] }>;
  /** XEP-0048 §3.2: replaces the account's private XML storage bookmarks (XEP-0049) with these rooms. */
  storeLegacyBookmarks(rooms: readonly { room: string; name?: string; nick?: string; autojoin?: boolean; password?: string }[]): Promise<void>;
  /** The first stanza (already received or next) that `match` takes; rejects after timeoutMs naming `what`. */
  waitFor(match: (stanza: ReceivedStanza) => boolean, what: string, timeoutMs?: number): Promise<ReceivedStanza>;
  stop(): Promise<void>;
}

export interface PeerOptions {
  readonly jid: string;
  readonly password: string;
  readonly host: string;
  readonly port: number;
  readonly caPath: string;
  readonly timeoutMs?: number;
}

/** The child named `name` in namespace `ns` (any namespace when left out). */
export function child(node: XmlNode | undefined, name: string, ns?: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name && (ns === undefined || c.ns === ns));
}

/** Follows a path of [name, ns] steps from `node`. */
export function descend(node: XmlNode | undefined, ...path: ReadonlyArray<readonly [string, string?]>): XmlNode | undefined {
  return path.reduce<XmlNode | undefined>((at, [name, ns]) => child(at, name, ns), node);
}

type Line = { ready: string } | { fatal: string } | { reply: number; result?: unknown; error?: string } | { stanza: ReceivedStanza };

export async function startSlixmppPeer(options: PeerOptions): Promise<SlixmppPeer> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const proc: ChildProcessWithoutNullStreams = spawn(python, [script, options.jid, options.password, options.host, String(options.port), options.caPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = proc.pid ?? 0;
  const received: ReceivedStanza[] = [];
  const waiters = new Set<() => void>();
  const replies = new Map<number, (line: { result?: unknown; error?: string }) => void>();
  let stderr = '';
  let exited = false;
  let nextSeq = 1;
  const keep = (text: string) => void (stderr = (stderr + text).slice(-4_000));
  proc.stderr.on('data', (data: Buffer) => keep(data.toString()));
  // A write after the peer died fails here; the exit below answers every pending command with the reason.
  proc.stdin.on('error', () => undefined);
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      exited = true;
      for (const reply of replies.values()) reply({ error: `the slixmpp peer exited: ${stderr.trim()}` });
      replies.clear();
      resolve();
    }),
  );

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the slixmpp peer ${options.jid} did not sign in within ${timeoutMs} ms: ${stderr.trim()}`)), timeoutMs);
    proc.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${slixmppHint}: ${error.message}`));
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`the slixmpp peer ${options.jid} exited before signing in: ${stderr.trim() || slixmppHint}`));
    });
    createInterface({ input: proc.stdout }).on('line', (text) => {
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        // Not ours (a library printing): kept with stderr for the error messages.
        keep(`${text}\n`);
        return;
      }
      if ('ready' in line) {
        clearTimeout(timer);
        resolve(line.ready);
      } else if ('fatal' in line) {
        clearTimeout(timer);
        reject(new Error(`the slixmpp peer ${options.jid}: ${line.fatal}`));
      } else if ('reply' in line) {
        replies.get(line.reply)?.(line);
        replies.delete(line.reply);
      } else {
        received.push(line.stanza);
        for (const wake of [...waiters]) wake();
      }
    });
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    proc.stdin.end(`${JSON.stringify({ seq: 0, cmd: 'stop' })}\n`);
    const timer = setTimeout(() => {
      if (!exited) process.kill(pid, 'SIGKILL');
    }, 5_000);
    await exit;
    clearTimeout(timer);
  };

  let jid: string;
  try {
    jid = await ready;
  } catch (error) {
    if (!exited) process.kill(pid, 'SIGKILL');
    await exit;
    throw error;
  }

  const command = (cmd: string, args: Record<string, unknown> = {}): Promise<unknown> => {
    const seq = nextSeq++;
    return new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`the slixmpp peer has exited; cannot ${cmd}`));
      const timer = setTimeout(() => {
        replies.delete(seq);
        reject(new Error(`the slixmpp peer did not answer ${cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      replies.set(seq, (line) => {
        clearTimeout(timer);
        if (line.error !== undefined) reject(new Error(`the slixmpp peer failed to ${cmd}: ${line.error}`));
        else resolve(line.result);
      });
      proc.stdin.write(`${JSON.stringify({ ...args, seq, cmd })}\n`);
    });
  };

  const waitFor = (match: (stanza: ReceivedStanza) => boolean, what: string, waitMs = 10_000): Promise<ReceivedStanza> => {
    const found = received.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const hit = received.find(match);
        if (!hit) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        const last = received.slice(-5).map((stanza) => stanza.xml);
        reject(new Error(`the slixmpp peer ${jid} did not receive ${what} within ${waitMs} ms; its last stanzas: ${last.join('\n')}`));
      }, waitMs);
      waiters.add(wake);
    });
  };

  return {
    jid,
    pid,
    received,
    sendMessage: async (message) => (await command('sendMessage', { ...message })) as { id: string; xml: string },
    receipt: async (to, id) => void (await command('receipt', { to, id })),
    displayed: async (to, id) => void (await command('displayed', { to, id })),
    enableCarbons: async () => void (await command('enableCarbons')),
    presence: async (args) => void (await command('presence', { ...args })),
    joinRoom: async (args) => void (await command('joinRoom', { ...args })),
    createRoom: async (room, nick, options = {}) => void (await command('createRoom', { room, nick, public: options.public === true, moderated: options.moderated === true })),
    leaveRoom: async (room, nick) => void (await command('leaveRoom', { room, nick })),
    sendGroupchat: async (args) => (await command('sendGroupchat', { ...args })) as { id: string; xml: string },
    setSubject: async (room, subject) => void (await command('setSubject', { room, subject })),
    kick: async (args) => void (await command('kick', { ...args })),
    ban: async (args) => void (await command('ban', { ...args })),
    setAffiliation: async (args) => void (await command('setAffiliation', { ...args })),
    requestVoice: async (room) => void (await command('requestVoice', { room })),
    directInvite: async (args) => void (await command('directInvite', { ...args })),
    mediatedInvite: async (args) => void (await command('mediatedInvite', { ...args })),
    publishBookmark: async (args) => void (await command('publishBookmark', { ...args })),
    omemoStart: async () => (await command('omemoStart')) as number,
    omemoSend: async (to, body) => (await command('omemoSend', { to, body })) as { errors: string[] },
    omemoSendGroupchat: async (room, members, body) => (await command('omemoSendGroupchat', { room, members, body })) as { errors: string[] },
    omemoSendPrivate: async (to, member, body) => (await command('omemoSendPrivate', { to, member, body })) as { errors: string[] },
    omemoReceived: async () => (await command('omemoReceived')) as { decrypted: { from: string; device: number; body: string; type: string }[]; failures: string[] },
    omemo2Start: async () => (await command('omemo2Start')) as number,
    omemo2Send: async (to, body) => (await command('omemo2Send', { to, body })) as { errors: string[] },
    omemo2SendGroupchat: async (room, members, body) => (await command('omemo2SendGroupchat', { room, members, body })) as { errors: string[] },
    omemo2Received: async () => (await command('omemo2Received')) as { decrypted: Omemo2Decrypted[]; failures: string[] },
    storeLegacyBookmarks: async (rooms) => void (await command('storeLegacyBookmarks', { rooms })),
    waitFor,
    stop,
  };
}
