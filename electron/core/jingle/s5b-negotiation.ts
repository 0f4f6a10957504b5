// XEP-0260 §2.3–§2.4 for one content: connect to the peer's candidates, tell it which one worked (candidate-used) or that
// none did (candidate-error), learn its choice, nominate one, and for a proxy have its owner activate it (XEP-0065 §6.3.5)
// and say so (activated). Settles with the socket the file goes over, or undefined when SOCKS5 failed (§3: fallback).
import type { Socket } from 'node:net';
import type { Element } from '@xmpp/xml';
import { dstAddr, socks5Connect, type Socks5Server } from './socks5.ts';
import { buildActivate, nominate, type Candidate, type Pick, type S5bInfo } from './s5b-stanzas.ts';

export interface S5bStream {
  readonly socket: Socket;
  readonly method: 'direct' | 'proxy';
}

export interface S5bNegotiationArgs {
  /** The transport's sid (XEP-0260 §2.3: the DST.ADDR hash uses it, not the session's). */
  readonly sid: string;
  readonly role: 'initiator' | 'responder';
  readonly ownJid: string;
  readonly peerJid: string;
  readonly ours: readonly Candidate[];
  readonly server?: Socks5Server;
  readonly iq: (request: Element, timeoutMs?: number) => Promise<Element>;
  readonly sendInfo: (info: S5bInfo) => Promise<void>;
  readonly connectTimeoutMs?: number;
  /** How long the whole negotiation may take before SOCKS5 is given up. */
  readonly deadlineMs?: number;
}

const plain = (address: string | undefined): string => (address ?? '').replace(/^::ffff:/, '');

export function createS5bNegotiation(args: S5bNegotiationArgs) {
  const accepted: Socket[] = [];
  const abort = new AbortController();
  let ownPick: Pick | undefined;
  let ownSocket: Socket | undefined;
  let peerPick: Pick | undefined;
  let activated: ((ok: boolean) => void) | undefined;
  let activation: Promise<boolean> | undefined;
  let settle: (stream: S5bStream | undefined) => void = () => undefined;
  let settled = false;
  let decided = false;
  const result = new Promise<S5bStream | undefined>((resolve) => {
    settle = (stream) => {
      if (settled) {
        stream?.socket.destroy();
        return;
      }
      settled = true;
      clearTimeout(deadline);
      forget?.();
      for (const socket of [...accepted, ownSocket]) if (socket && socket !== stream?.socket) socket.destroy();
      resolve(stream);
    };
  });
  const deadline = setTimeout(() => settle(undefined), args.deadlineMs ?? 30_000);
  // Connections to our direct candidates name the stream as sid + our JID + the peer's (XEP-0065 §5.3.2).
  const forget = args.ours.some((candidate) => candidate.type === 'direct')
    ? args.server?.expect(dstAddr(args.sid, args.ownJid, args.peerJid), (socket) => {
        accepted.push(socket);
        socket.once('close', () => accepted.splice(accepted.indexOf(socket) >>> 0, 1));
      })
    : undefined;

  function waitActivation(): Promise<boolean> {
    activation ??= new Promise<boolean>((resolve) => (activated = resolve));
    return activation;
  }

  /** The nominated candidate is ours: a direct one the peer is already connected to, or our proxy, which we activate. */
  async function useOurs(candidate: Candidate): Promise<S5bStream | undefined> {
    if (candidate.type !== 'proxy') {
      const socket = accepted.find((each) => plain(each.localAddress) === candidate.host) ?? accepted[0];
      return socket && { socket, method: 'direct' };
    }
    try {
      const socket = await socks5Connect({ host: candidate.host, port: candidate.port, domain: dstAddr(args.sid, args.ownJid, args.peerJid), timeoutMs: args.connectTimeoutMs ?? 5_000, signal: abort.signal });
      try {
        await args.iq(buildActivate(candidate.jid, args.sid, args.peerJid), 15_000);
      } catch (error) {
        socket.destroy();
        throw error;
      }
      await args.sendInfo({ kind: 'activated', cid: candidate.cid });
      return { socket, method: 'proxy' };
    } catch {
      await args.sendInfo({ kind: 'proxy-error' }).catch(() => undefined);
      return undefined;
    }
  }

  /** §2.4: both choices known, one candidate is used. */
  function decide(): void {
    if (ownPick === undefined || peerPick === undefined || settled || decided) return;
    decided = true;
    const nominated = nominate(ownPick, peerPick, args.role);
    if (!nominated) return settle(undefined);
    if (nominated.owner === 'ours') {
      void useOurs(nominated.candidate).then(settle, () => settle(undefined));
      return;
    }
    const socket = ownSocket;
    if (!socket) return settle(undefined);
    if (nominated.candidate.type !== 'proxy') return settle({ socket, method: 'direct' });
    // The peer owns the proxy: it activates it and tells us (§2.4).
    void waitActivation().then((ok) => settle(ok ? { socket, method: 'proxy' } : undefined));
  }

  return {
    sid: args.sid,
    ours: args.ours,
    result,
    /** §2.3: tries the peer's candidates (all at once), keeps the best that answered, and reports it. */
    async check(theirs: readonly Candidate[]): Promise<void> {
      const domain = dstAddr(args.sid, args.peerJid, args.ownJid);
      const sorted = [...theirs].sort((a, b) => b.priority - a.priority);
      const attempts = await Promise.allSettled(sorted.map((candidate) => socks5Connect({ host: candidate.host, port: candidate.port, domain, timeoutMs: args.connectTimeoutMs ?? 5_000, signal: abort.signal })));
      const best = attempts.findIndex((attempt) => attempt.status === 'fulfilled');
      attempts.forEach((attempt, index) => index !== best && attempt.status === 'fulfilled' && attempt.value.destroy());
      const candidate = sorted[best];
      const won = attempts[best];
      if (settled) {
        if (won?.status === 'fulfilled') won.value.destroy();
        return;
      }
      ownSocket = won?.status === 'fulfilled' ? won.value : undefined;
      ownPick = candidate && ownSocket ? { candidate } : 'none';
      await args.sendInfo(ownPick === 'none' ? { kind: 'candidate-error' } : { kind: 'candidate-used', cid: ownPick.candidate.cid });
      decide();
    },
    /** The peer's transport-info (§2.3, §2.4). */
    info(info: S5bInfo): void {
      if (info.kind === 'candidate-used' || info.kind === 'candidate-error') {
        const candidate = info.kind === 'candidate-used' ? args.ours.find((each) => each.cid === info.cid) : undefined;
        peerPick = candidate ? { candidate } : 'none';
        decide();
        return;
      }
      void waitActivation();
      activated?.(info.kind === 'activated');
    },
    dispose(): void {
      abort.abort();
      settle(undefined);
    },
  };
}

export type S5bNegotiation = ReturnType<typeof createS5bNegotiation>;
