// slixmpp peers signed in to the harness Prosody as harness users, for tests where the other side is not Causette.
import type { ProsodyServer } from '../server/prosody.ts';
import { startSlixmppPeer, type ReceivedStanza, type SlixmppPeer } from '../support/slixmpp-peer.ts';
import { until, type TestCore } from './roster-harness.ts';

export const bare = (jid: string): string => jid.split('/')[0] ?? jid;

/** A presence stanza of `type` (undefined: available) sent from `from` (bare or full JID). */
export const presenceFrom =
  (from: string, type?: string) =>
  ({ tree }: ReceivedStanza): boolean =>
    tree.name === 'presence' && tree.attrs.type === type && (tree.attrs.from === from || bare(tree.attrs.from ?? '') === from);

export function createPeers(server: () => ProsodyServer) {
  const peers: SlixmppPeer[] = [];

  /** A slixmpp client signed in as a harness user (password `<local>-pw`, as roster-harness makes them). */
  async function peer(jid: string): Promise<SlixmppPeer> {
    const local = jid.slice(0, jid.indexOf('@'));
    const started = await startSlixmppPeer({ jid, password: `${local}-pw`, host: server().host, port: server().c2sPort, caPath: server().caPath });
    peers.push(started);
    return started;
  }

  /** Mutual subscription (RFC 6121 §3) between a core and a peer, so that neither side treats the other as a stranger. */
  async function befriend(core: TestCore, other: SlixmppPeer): Promise<void> {
    const peerJid = bare(other.jid);
    await core.handlers['roster.add']({ accountId: core.accountId, jid: peerJid, groups: [] });
    await other.waitFor(presenceFrom(core.jid, 'subscribe'), 'the core’s subscription request');
    await other.presence({ to: core.jid, type: 'subscribed' });
    // Adding a contact pre-approves it (RFC 6121 §3.4), so the server grants this one without asking the core.
    await other.presence({ to: core.jid, type: 'subscribe' });
    await until(async () => {
      const contact = await core.contact(peerJid);
      return contact?.subscription === 'both' && contact.show === 'online';
    }, 'the core sees the peer as a contact online');
    await other.waitFor(presenceFrom(core.jid), 'the core’s presence after the approval');
  }

  async function cleanup(): Promise<void> {
    await Promise.all(peers.splice(0).map((started) => started.stop()));
  }

  return { peer, befriend, cleanup };
}
