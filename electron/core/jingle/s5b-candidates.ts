// XEP-0260 §2.2 candidates we offer: direct ones (the host's addresses, served by our SOCKS5 server; only to a peer who may
// learn them, XEP-0260 §6.1) and the server's SOCKS5 proxy, found by disco (XEP-0065 §4).
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Connection } from '../xmpp/connection.ts';
import { findService } from '../xmpp/disco/disco-items.ts';
import { createSocks5Server, type Socks5Server } from './socks5.ts';
import type { DirectWithheld } from '../../../shared/model/transfer.ts';
import { buildStreamhostQuery, NS_BYTESTREAMS, parseStreamhost, priorityOf, type Candidate } from './s5b-stanzas.ts';

export interface Streamhost {
  readonly jid: string;
  readonly host: string;
  readonly port: number;
}

/** The host's IPv4 addresses, the ones reaching furthest first; loopback last (it serves a peer on this machine only). */
export function hostAddresses(): string[] {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  const ipv4 = all.filter((each) => each.family === 'IPv4');
  return [...ipv4.filter((each) => !each.internal), ...ipv4.filter((each) => each.internal)].map((each) => each.address);
}

/** §2.2: direct candidates, one per address, the earlier ones preferred (local preference). */
export function directCandidates(addresses: readonly string[], port: number, ownJid: string): Candidate[] {
  return addresses.map((host, index) => ({ cid: randomUUID(), host, port, jid: ownJid, type: 'direct', priority: priorityOf('direct', 65535 - index) }));
}

export const proxyCandidate = (streamhost: Streamhost): Candidate => ({ cid: randomUUID(), host: streamhost.host, port: streamhost.port, jid: streamhost.jid, type: 'proxy', priority: priorityOf('proxy', 0) });

/** XEP-0065 §4: the server's bytestreams proxy (identity proxy/bytestreams) and its network address; undefined if none. */
export async function discoverProxy(connection: Pick<Connection, 'iq'>, domain: string): Promise<Streamhost | undefined> {
  const proxy = await findService(connection, domain, (jid, info) =>
    info.identities.some((identity) => identity.category === 'proxy' && identity.type === 'bytestreams') || info.features.includes(NS_BYTESTREAMS) ? jid : undefined,
  ).catch(() => undefined);
  if (!proxy) return undefined;
  const reply = await connection.iq(buildStreamhostQuery(proxy), 15_000).catch(() => undefined);
  return reply && parseStreamhost(reply);
}

export interface S5bCandidatesDeps {
  readonly connection: Pick<Connection, 'iq'>;
  /** Our server's domain, where the proxy is looked for. */
  readonly domain: () => string;
  /** XEP-0260 §6.1: whether this peer (bare JID) may learn our addresses (mutual subscription), and the setting. */
  readonly mayRevealAddresses: (peer: string) => boolean;
  readonly directCandidates: () => boolean;
  /** The addresses of direct candidates (the host's by default). */
  readonly directHosts?: () => readonly string[];
  /** The proxy to offer (the server's, found by disco, by default). */
  readonly streamhost?: () => Promise<Streamhost | undefined>;
}

/** Our candidates for one transport, and the one SOCKS5 server they share (listening only once a direct one is offered). */
export function setupS5bCandidates(deps: S5bCandidatesDeps) {
  let server: Socks5Server | undefined;
  let proxy: Promise<Streamhost | undefined> | undefined;
  const hosts = () => deps.directHosts?.() ?? hostAddresses();

  async function direct(ownJid: string): Promise<Candidate[]> {
    const addresses = hosts();
    if (addresses.length === 0) return [];
    // A server bound to loopback when every address is (a peer on this machine only), else to every interface.
    server ??= createSocks5Server({ host: addresses.every((address) => address.startsWith('127.')) ? '127.0.0.1' : '0.0.0.0' });
    return directCandidates(addresses, await server.listen(), ownJid);
  }

  /** §6.1: why our addresses are kept from this peer (no direct candidate of ours, no connection to its hosts); undefined if they are not. */
  function withheld(peer: string): DirectWithheld | undefined {
    if (!deps.directCandidates()) return 'setting';
    return deps.mayRevealAddresses(peer.split('/')[0] ?? peer) ? undefined : 'notMutual';
  }
  /** Whether our own addresses may go to this peer: the setting, and XEP-0260 §6.1. */
  const mayReveal = (peer: string): boolean => withheld(peer) === undefined;

  return {
    withheld,
    get server(): Socks5Server | undefined {
      return server;
    },
    async gather(ownJid: string, peer: string): Promise<Candidate[]> {
      const mine = mayReveal(peer) ? await direct(ownJid) : [];
      proxy ??= (deps.streamhost ?? (() => discoverProxy(deps.connection, deps.domain())))().catch(() => undefined);
      const streamhost = await proxy;
      return streamhost ? [...mine, proxyCandidate(streamhost)] : mine;
    },
    /**
     * The peer's candidates we may connect to. Connecting to its own host tells it our address as much as offering it
     * would (XEP-0260 §6.1): only when we would offer ours; a proxy always, unless (as the responder, `ours` given) it is
     * the one we offer too: the initiator then uses ours and we activate it (§2.4). Libervia 0.9 cannot activate a proxy
     * of its own (it calls its activation with the wrong arguments and answers proxy-error), and takes the same proxy
     * offered by both sides for its own whatever the cid.
     */
    reachable(peer: string, theirs: readonly Candidate[], ours: readonly Candidate[] = []): Candidate[] {
      const same = (candidate: Candidate) => ours.some((each) => each.type === 'proxy' && each.jid === candidate.jid && each.host === candidate.host && each.port === candidate.port);
      return theirs.filter((candidate) => (candidate.type === 'proxy' ? !same(candidate) : mayReveal(peer)));
    },
    dispose(): void {
      server?.close();
      server = undefined;
    },
  };
}

export type S5bCandidates = ReturnType<typeof setupS5bCandidates>;
