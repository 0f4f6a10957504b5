// XEP-0260 Jingle SOCKS5 Bytestreams transport on the wire: the <transport/> with its candidates (§2.2), the transport-info
// payloads candidate-used / candidate-error (§2.3) and activated / proxy-error (§2.4), candidate priorities (§2.2) and the
// nomination rule (§2.4); and XEP-0065's streamhost query (§4) and activation (§6.3.5) for proxies.
import xml, { type Element } from '@xmpp/xml';

export const NS_JINGLE_S5B = 'urn:xmpp:jingle:transports:s5b:1';
export const NS_BYTESTREAMS = 'http://jabber.org/protocol/bytestreams';

export type CandidateType = 'direct' | 'assisted' | 'tunnel' | 'proxy';

export interface Candidate {
  readonly cid: string;
  readonly host: string;
  readonly port: number;
  /** Whose streamhost it is: the offering party's full JID, or the proxy's. */
  readonly jid: string;
  readonly priority: number;
  readonly type: CandidateType;
}

/** §2.2: type preferences (direct 126, assisted 120, tunnel 110, proxy 10). */
const TYPE_PREFERENCE: { readonly [K in CandidateType]: number } = { direct: 126, assisted: 120, tunnel: 110, proxy: 10 };
/** §2.2: priority = 2^16 × type preference + local preference (0–65535). */
export const priorityOf = (type: CandidateType, local: number): number => 2 ** 16 * TYPE_PREFERENCE[type] + Math.max(0, Math.min(65535, Math.trunc(local)));

const isType = (value: unknown): value is CandidateType => value === 'direct' || value === 'assisted' || value === 'tunnel' || value === 'proxy';

export interface S5bTransport {
  readonly sid: string;
  readonly dstaddr?: string;
  readonly candidates: readonly Candidate[];
}

export type S5bInfo =
  | { readonly kind: 'candidate-used'; readonly cid: string }
  | { readonly kind: 'candidate-error' }
  | { readonly kind: 'activated'; readonly cid: string }
  | { readonly kind: 'proxy-error' };

export function buildS5bTransport(transport: S5bTransport): Element {
  return xml(
    'transport',
    { xmlns: NS_JINGLE_S5B, sid: transport.sid, mode: 'tcp', ...(transport.dstaddr ? { dstaddr: transport.dstaddr } : {}) },
    ...transport.candidates.map((candidate) =>
      xml('candidate', { cid: candidate.cid, host: candidate.host, jid: candidate.jid, port: String(candidate.port), priority: String(candidate.priority), type: candidate.type }),
    ),
  );
}

/** §2.2: the transport and its well-formed candidates (port 1080 and type direct when absent); undefined when not s5b. */
export function parseS5bTransport(transport: Element | undefined): (S5bTransport & { readonly info?: S5bInfo }) | undefined {
  if (transport?.attrs.xmlns !== NS_JINGLE_S5B || typeof transport.attrs.sid !== 'string' || transport.attrs.sid === '') return undefined;
  // §2.2: only TCP is defined for file transfer.
  if (transport.attrs.mode !== undefined && transport.attrs.mode !== 'tcp') return undefined;
  const candidates = transport.getChildren('candidate').flatMap((element): Candidate[] => {
    const { cid, host, jid } = element.attrs;
    const port = Number(element.attrs.port ?? 1080);
    const priority = Number(element.attrs.priority);
    const type = element.attrs.type ?? 'direct';
    if (typeof cid !== 'string' || typeof host !== 'string' || typeof jid !== 'string' || !Number.isInteger(port) || port < 1 || port > 65535 || !Number.isSafeInteger(priority) || !isType(type)) return [];
    return [{ cid, host, jid, port, priority, type }];
  });
  const used = transport.getChild('candidate-used');
  const activated = transport.getChild('activated');
  const info: S5bInfo | undefined =
    used && typeof used.attrs.cid === 'string'
      ? { kind: 'candidate-used', cid: used.attrs.cid }
      : transport.getChild('candidate-error')
        ? { kind: 'candidate-error' }
        : activated && typeof activated.attrs.cid === 'string'
          ? { kind: 'activated', cid: activated.attrs.cid }
          : transport.getChild('proxy-error')
            ? { kind: 'proxy-error' }
            : undefined;
  const dstaddr = transport.attrs.dstaddr;
  return { sid: transport.attrs.sid, ...(typeof dstaddr === 'string' && dstaddr !== '' ? { dstaddr } : {}), candidates: [...candidates].sort((a, b) => b.priority - a.priority), ...(info ? { info } : {}) };
}

/** §2.3–§2.4: a transport-info payload; the sid may be left out (Libervia 0.9 does), the session tells which transport. */
export function parseS5bInfo(transport: Element | undefined): { readonly sid?: string; readonly info: S5bInfo } | undefined {
  if (transport?.attrs.xmlns !== NS_JINGLE_S5B) return undefined;
  const info = parseS5bTransport(xml('transport', { ...transport.attrs, sid: 'x' }, ...transport.getChildElements()))?.info;
  const sid = transport.attrs.sid;
  return info && { ...(typeof sid === 'string' && sid !== '' ? { sid } : {}), info };
}

export function buildS5bInfo(sid: string, info: S5bInfo): Element {
  const child = info.kind === 'candidate-used' || info.kind === 'activated' ? xml(info.kind, { cid: info.cid }) : xml(info.kind);
  return xml('transport', { xmlns: NS_JINGLE_S5B, sid }, child);
}

/** What one party reported: the candidate of the other party it connected to, or that none worked. */
export type Pick = { readonly candidate: Candidate } | 'none';

/**
 * §2.4: once both parties reported, the candidate used with the higher priority wins; on a tie, the one the initiator
 * picked. Undefined when neither found one: the transport failed (§2.6, fallback).
 * `owner` says whose candidate it is: 'ours' when the peer connected to one we offered.
 */
export function nominate(ownPick: Pick, peerPick: Pick, role: 'initiator' | 'responder'): { readonly candidate: Candidate; readonly owner: 'ours' | 'theirs' } | undefined {
  if (ownPick === 'none' && peerPick === 'none') return undefined;
  if (ownPick === 'none') return peerPick === 'none' ? undefined : { candidate: peerPick.candidate, owner: 'ours' };
  if (peerPick === 'none') return { candidate: ownPick.candidate, owner: 'theirs' };
  if (ownPick.candidate.priority > peerPick.candidate.priority) return { candidate: ownPick.candidate, owner: 'theirs' };
  if (ownPick.candidate.priority < peerPick.candidate.priority) return { candidate: peerPick.candidate, owner: 'ours' };
  return role === 'initiator' ? { candidate: ownPick.candidate, owner: 'theirs' } : { candidate: peerPick.candidate, owner: 'ours' };
}

/** XEP-0065 §4: asks a proxy for its network address. */
export const buildStreamhostQuery = (proxy: string): Element => xml('iq', { type: 'get', to: proxy }, xml('query', { xmlns: NS_BYTESTREAMS }));

/** XEP-0065 §4: the proxy's streamhost (host and port), if it gave one. */
export function parseStreamhost(reply: Element): { readonly jid: string; readonly host: string; readonly port: number } | undefined {
  const host = reply.getChild('query', NS_BYTESTREAMS)?.getChild('streamhost');
  const port = Number(host?.attrs.port ?? 1080);
  if (!host || typeof host.attrs.jid !== 'string' || typeof host.attrs.host !== 'string' || !Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { jid: host.attrs.jid, host: host.attrs.host, port };
}

/** XEP-0065 §6.3.5: the requester asks the proxy to join its two connections of this stream. */
export const buildActivate = (proxy: string, sid: string, target: string): Element => xml('iq', { type: 'set', to: proxy }, xml('query', { xmlns: NS_BYTESTREAMS, sid }, xml('activate', {}, target)));
