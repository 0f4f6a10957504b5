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

/** An address of the host as os.networkInterfaces gives it. */
export interface HostAddress {
  readonly address: string;
  readonly family: string;
  readonly internal: boolean;
}

/** RFC 4193 unique-local (fc00::/7) and RFC 4291 §2.5.6 link-local (fe80::/10) IPv6 addresses. */
const uniqueLocal = (address: string): boolean => /^f[cd]/i.test(address);
const linkLocal = (address: string): boolean => /^fe[89ab]/i.test(address);
/** RFC 1918 private, RFC 6598 shared (carrier-grade NAT) and RFC 3927 link-local IPv4 addresses. */
const privateIpv4 = (address: string): boolean => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|169\.254\.)/.test(address);

/**
 * How far an address reaches, the furthest first (RFC 8421 §4: IPv6 before IPv4 at the same reach): global IPv6, public
 * IPv4, unique-local IPv6, private IPv4, loopback (a peer on this machine only); undefined for one never offered: an IPv6
 * link-local address needs a scope id the peer cannot know, and IPv6 loopback adds nothing to 127.0.0.1.
 */
function reach({ address, family, internal }: HostAddress): number | undefined {
  if (family === 'IPv6') return internal || linkLocal(address) || address.startsWith('::') ? undefined : uniqueLocal(address) ? 2 : 0;
  if (family !== 'IPv4') return undefined;
  return internal ? 4 : privateIpv4(address) ? 3 : 1;
}

/** The host's IPv4 and IPv6 addresses worth offering as direct candidates, the ones reaching furthest first. */
export function hostAddresses(interfaces: Readonly<Record<string, readonly HostAddress[] | undefined>> = networkInterfaces()): string[] {
  const ranked = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .map((each) => ({ address: each.address, rank: reach(each) }))
    .filter((each): each is { address: string; rank: number } => each.rank !== undefined);
  // A stable sort: at the same reach, the interfaces' order.
  return ranked.sort((a, b) => a.rank - b.rank).map((each) => each.address);
}

/** Where our SOCKS5 server listens: loopback when every address is IPv4 loopback, else every interface, dual-stack when an IPv6 address is offered. */
export function listenHost(addresses: readonly string[]): string {
  if (addresses.every((address) => address.startsWith('127.'))) return '127.0.0.1';
  // Node binds '::' with IPV6_V6ONLY off: IPv4 clients come in too, as IPv4-mapped addresses.
  return addresses.some((address) => address.includes(':')) ? '::' : '0.0.0.0';
}

/**
 * §2.2: direct candidates, one per address, the earlier ones preferred (a higher local preference, 65535 for the first).
 * The side receiving the file offers its own one step lower (local preference is ours to choose): where both sides
 * reach each other, the nomination (§2.4, the higher priority wins) then takes the connection the receiver made, whose
 * socket reads into a buffer of its own (socks5.ts) rather than a new one per read.
 */
export function directCandidates(addresses: readonly string[], port: number, ownJid: string, receiving = false): Candidate[] {
  const first = receiving ? 65534 : 65535;
  return addresses.map((host, index) => ({ cid: randomUUID(), host, port, jid: ownJid, type: 'direct', priority: priorityOf('direct', first - index) }));
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

  async function direct(ownJid: string, receiving: boolean): Promise<Candidate[]> {
    const addresses = hosts();
    if (addresses.length === 0) return [];
    server ??= createSocks5Server({ host: listenHost(addresses) });
    return directCandidates(addresses, await server.listen(), ownJid, receiving);
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
    /** `receiving`: whether the file comes to us in this session. */
    async gather(ownJid: string, peer: string, receiving: boolean): Promise<Candidate[]> {
      const mine = mayReveal(peer) ? await direct(ownJid, receiving) : [];
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
