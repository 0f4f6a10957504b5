// Causette's alice and Profanity's bob in an OMEMO 0.3 conversation on the harness Prosody, for the Profanity interop tests:
// the setup both sides need, the two ways of speaking, and the checks of the wire, of Profanity's screen and of its log.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import xml, { type Element } from '@xmpp/xml';
import { expect } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { NS_AXOLOTL } from '../../electron/core/omemo/axolotl-pubsub.ts';
import { buildCarbonsEnable, NS_CARBONS } from '../../electron/core/xmpp/carbons/carbons-stanzas.ts';
import type { ProsodyServer } from '../server/prosody.ts';
import { startProfanity, type Profanity } from '../support/profanity.ts';
import { until, type createHarness, type TestCore } from './roster-harness.ts';

export const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;

/** What Prosody keeps on disk (internal storage) under the host dir `host`, as text: for rooms, their archives. */
export function serverStore(server: ProsodyServer, host: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(server.dataDir, 'data', encodeURIComponent(host).replaceAll('.', '%2e')));
  return files.join('\n');
}

export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Profanity's fingerprint (8 groups of 8 hex digits joined by '-') in Causette's spelling (groups joined by spaces). */
export const asCausette = (fingerprint: string) => fingerprint.split('-').join(' ');

/** The message a stanza carries: itself, or the copy a carbon forwards (XEP-0280 §6). */
const carried = (stanza: Element): Element | undefined =>
  (stanza.getChild('sent', NS_CARBONS) ?? stanza.getChild('received', NS_CARBONS))?.getChild('forwarded')?.getChild('message') ?? stanza;

/** A wrapped key on the wire: its recipient device and whether it opens a session (XEP-0384 v0.3.0 §4.5). */
export const keysOf = (message: Element) =>
  (message.getChild('encrypted', NS_AXOLOTL)?.getChild('header')?.getChildren('key') ?? []).map((key) => ({ rid: Number(key.attrs.rid), prekey: key.attrs.prekey === 'true' || key.attrs.prekey === '1' }));

/** Profanity clients for a test file's server and harness, stopped by cleanup(). */
export function createProfanityHarness(server: () => ProsodyServer, harness: ReturnType<typeof createHarness>) {
  const clients: Profanity[] = [];

  /**
   * Causette's alice and Profanity's bob, subscribed both ways, each knowing the other's OMEMO device; a second resource of bob
   * with carbons records what the server delivers to bob and what Profanity sends, to check the wire.
   */
  async function conversation() {
    const [aliceJid = '', bobJid = ''] = await harness.users('alice', 'bob');
    const bob = await startProfanity({ jid: bobJid, password: `${bobJid.slice(0, bobJid.indexOf('@'))}-pw`, host: server().host, port: server().c2sPort });
    clients.push(bob);
    // Every OMEMO key trusted on first sight (Causette's default before verification); '~' marks a decrypted message.
    await bob.type('/omemo trustmode blind');
    await bob.type('/omemo char ~');
    await bob.connect();
    await bob.type('/omemo gen');
    const bobDevice = Number(await bob.waitForScreen((text) => /Your Device ID is (\d+)/.exec(text)?.[1], 'Profanity’s OMEMO keys'));
    // Profanity 0.13.1 publishes its device list only when the fetch of its own list succeeds or fails with the legacy error code
    // 404; Prosody 0.12 answers item-not-found without one, so a new account's list needs this nudge (its notification does it).
    await bob.type('/omemo clear_device_list');
    await bob.waitForScreen((text) => text.includes(`Going to publish own device ID: ${bobDevice}`), 'Profanity publishing its device list');
    const ownTrust = new RegExp(`Blind trust for ${escape(bobJid)} device ${bobDevice} \\(([0-9a-f-]{71})\\)`);
    const bobFingerprint = await bob.waitForScreen((text) => ownTrust.exec(text)?.[1], 'Profanity’s own fingerprint');
    // From here on, Profanity's log must hold no error or warning (a bundle it cannot read, a message it cannot decrypt…).
    const logFrom = (await bob.log()).length;

    const wire: Element[] = [];
    const observer = await harness.raw(bobJid, 'observer');
    observer.onStanza((stanza) => {
      if (stanza.name === 'message') wire.push(stanza);
    });
    await observer.iq(buildCarbonsEnable());
    await observer.send(xml('presence'));

    const alice = await harness.signIn(aliceJid);
    await alice.handlers['roster.add']({ accountId: alice.accountId, jid: bobJid, groups: [] });
    await bob.waitForScreen((text) => text.includes(`Received authorization request from ${aliceJid}`), 'the subscription request in Profanity');
    await bob.type(`/sub allow ${aliceJid}`);
    await bob.type(`/sub request ${aliceJid}`);
    await until(async () => (await alice.contact(bobJid))?.subscription === 'both', 'alice and bob subscribed both ways', 20_000);
    await until(async () => (await alice.handlers['omemo.encryption']({ accountId: alice.accountId, peer: bobJid })).on, 'alice sees bob’s OMEMO device', 20_000);
    const devices = await alice.handlers['omemo.devices']({ accountId: alice.accountId, jid: bobJid });
    expect(devices.devices).toEqual([expect.objectContaining({ deviceId: bobDevice, fingerprint: asCausette(bobFingerprint), used: true })]);
    const aliceDevice = devices.own.deviceId;

    // Profanity fetches alice's device list and bundle, and opens the conversation with OMEMO on.
    await bob.type(`/omemo start ${aliceJid}`);
    await bob.waitForScreen((text) => text.includes(`${aliceJid} [online] [OMEMO]`), 'Profanity’s OMEMO conversation with alice');

    const plaintexts: string[] = [];
    /** `core`: another core of alice (default: the first). */
    const causetteSays = async (body: string, core: TestCore = alice) => {
      plaintexts.push(body);
      await core.handlers['chat.send']({ accountId: core.accountId, peer: bobJid, body });
      const shown = new RegExp(`^\\S+ ~ ${escape(aliceJid)}/\\S+: ${escape(body)}\\s*$`, 'm');
      await bob.waitForScreen((text) => shown.test(text), `Profanity showing “${body}” decrypted`, 20_000);
    };
    const profanitySays = async (body: string, core: TestCore = alice) => {
      plaintexts.push(body);
      await bob.type(body);
      const received = await until(async () => (await history(core, bobJid)).find((message) => message.body === body), `Causette decrypting “${body}”`, 20_000);
      expect(received).toMatchObject({ direction: 'in', encrypted: true, senderDevice: bobDevice });
      expect(received.undecryptable).not.toBe(true);
    };
    /** The encrypted messages on the wire from `device`, once there are `count` of them. */
    const encryptedFrom = (device: number, count: number) =>
      until(() => {
        const found = wire
          .map(carried)
          .filter((message): message is Element => message?.getChild('encrypted', NS_AXOLOTL)?.getChild('header')?.attrs.sid === String(device));
        return found.length >= count ? found : undefined;
      }, `${count} encrypted messages from device ${device} on the wire`);
    /** Nothing said so far crossed the wire in the clear, and Profanity showed or logged no message it could not decrypt. */
    /** `expected`: log lines that are Profanity's normal behaviour in the test. */
    const nothingWrong = async (expected: readonly RegExp[] = []) => {
      const onTheWire = wire.map((stanza) => stanza.toString()).join('\n');
      for (const plaintext of plaintexts) expect(onTheWire).not.toContain(plaintext);
      const screen = await bob.screen();
      expect(screen).not.toContain('I sent you an OMEMO encrypted message');
      expect(screen).not.toMatch(/unable to decrypt/i);
      // "No device (N) store" is libsignal looking for a session before a PreKeySignalMessage from a new device creates it.
      const complaints = (await bob.log())
        .slice(logFrom)
        .split('\n')
        .filter((line) => /prof: (ERR|WRN)/.test(line) && !/\[OMEMO\]\[STORE\] No device \(\d+\) store for \S+ found/.test(line))
        .filter((line) => !expected.some((pattern) => pattern.test(line)));
      expect(complaints).toEqual([]);
    };

    return { alice, aliceJid, aliceDevice, bob, bobJid, bobDevice, plaintexts, causetteSays, profanitySays, encryptedFrom, nothingWrong };
  }

  async function cleanup(): Promise<void> {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  }

  return { conversation, cleanup };
}

