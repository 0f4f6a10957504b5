// What every part of the file-transfer module shares: the live sessions, the session machine fed and its timers armed
// (XEP-0166 §7.4 timeouts), a session's end turned into its transfer's outcome, and the SOCKS5 negotiation of a content.
import type { JetSecurity } from '../jet/jet-omemo.ts';
import { unlink } from 'node:fs/promises';
import type { Transfer } from '../../../../shared/model/transfer.ts';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { Transfers } from '../../transfers/transfers.ts';
import type { Connection } from '../../xmpp/connection.ts';
import type { IqRouter } from '../../xmpp/iq-router.ts';
import { setupIbbReceiver } from '../ibb-receive.ts';
import { buildJingle } from '../jingle-stanzas.ts';
import { setupS5bCandidates, type Streamhost } from '../s5b-candidates.ts';
import { createS5bNegotiation, type S5bNegotiation } from '../s5b-negotiation.ts';
import { buildS5bInfo, type Candidate } from '../s5b-stanzas.ts';
import { timeouts, transition, waitingFor, type Event, type Party, type Reason } from '../session-machine.ts';
import { bare, type Live } from './live.ts';
import { interrupts, outcomeOf, type Outcome } from './outcome.ts';
import { createResumeStore, type ResumeStore } from './resumable.ts';

export interface JingleFileTransferDeps {
  readonly accountId: string;
  readonly connection: Pick<Connection, 'iq' | 'send' | 'state' | 'onState' | 'pipeline'>;
  readonly router: IqRouter;
  readonly transfers: Transfers;
  readonly logger: Logger;
  /** Where accepted files go unless the user chooses another folder. */
  readonly downloadsDir: () => string;
  /** An offer arrived: the user is to accept or decline it. */
  readonly onOffer?: (transfer: Transfer) => void;
  readonly timeouts?: Partial<typeof timeouts>;
  /** XEP-0260 §6.1: whether this peer (bare JID) may learn our addresses; only a mutual subscription should. None by default. */
  readonly mayRevealAddresses?: (peer: string) => boolean;
  /** The setting: false offers no direct candidate to anyone (the proxy or IBB only). */
  readonly directCandidates?: () => boolean;
  /** The addresses offered as direct candidates (the host's by default). */
  readonly directHosts?: () => readonly string[];
  /** False offers files over IBB straight away (XEP-0261), without trying SOCKS5 first, and answers an s5b offer without candidates (the initiator falls back to IBB). */
  readonly socks5?: () => boolean;
  /** The SOCKS5 proxy offered (the server's, found by disco, by default). */
  readonly streamhost?: () => Promise<Streamhost | undefined>;
  /** XEP-0391: how transport secrets are sent and read (OMEMO, XEP-0396); without it, no encrypted offer is made or taken. */
  readonly security?: JetSecurity | undefined;
  /** How long a receiver waits for the next bytes before it takes the transfer as broken (to resume); a minute by default. */
  readonly stallMs?: number;
  /** Interrupted transfers that can go on (XEP-0234 §6.4); the core keeps one across sign-ins. A fresh one by default. */
  readonly resumable?: ResumeStore;
  /** A transfer was interrupted and can go on (§6.4): why (the XEP-0166 reason), and who ended it. */
  readonly onInterrupted?: (transfer: Transfer, reason: Reason, by: Party) => void;
}

const STALL_MS = 60_000;

export function createEngine(deps: JingleFileTransferDeps) {
  const { connection, transfers, logger } = deps;
  const limits = { ...timeouts, ...deps.timeouts };
  const store = deps.resumable ?? createResumeStore();
  const sessions = new Map<string, Live>();
  const byTransfer = new Map<string, Live>();
  const ibb = setupIbbReceiver(deps.router);
  /** Where each received file was saved, by transfer id (the panel's Open and Show in folder). */
  const saved = new Map<string, string>();
  const ownJid = (): string => {
    if (connection.state.status !== 'online') throw new CausetteError('not-connected', 'Sign in first.');
    return connection.state.jid;
  };
  const candidates = setupS5bCandidates({
    connection,
    domain: () => bare(ownJid()).split('@').at(-1) ?? '',
    mayRevealAddresses: deps.mayRevealAddresses ?? (() => false),
    directCandidates: deps.directCandidates ?? (() => true),
    ...(deps.directHosts ? { directHosts: deps.directHosts } : {}),
    ...(deps.streamhost ? { streamhost: deps.streamhost } : {}),
  });
  const keyOf = (peer: string, sid: string) => `${peer} ${sid}`;
  const later = (task: () => Promise<unknown>) => setTimeout(() => void task().catch((error: unknown) => logger.warn('a Jingle step failed', { error: String(error) })), 0);

  /** The timer of the state the session waits in, if any (XEP-0166 §7.4 timeout). */
  function arm(live: Live): void {
    clearTimeout(live.timer);
    const waiting = waitingFor(live.session);
    if (waiting) live.timer = setTimeout(() => void terminate(live, 'timeout', { by: 'timer' }), limits[waiting.kind]);
  }

  /** A receiver that hears nothing for a while ends the session: the sender may be gone without a word (a broken network). */
  function watch(live: Live): void {
    clearTimeout(live.stall);
    live.stall = setTimeout(() => void terminate(live, 'connectivity-error'), deps.stallMs ?? STALL_MS);
  }

  /**
   * What is left of an ended session: a file received whole or refused leaves nothing to resume; an interrupted one keeps
   * its bytes under the temporary name (or, sent, its source) to go on from (XEP-0234 §6.4).
   */
  function settle(live: Live, reason: Reason, by: Party, outcome: Outcome): void {
    const record = store.get(live.transfer.id);
    if (record && interrupts(reason) && outcome.state === 'failed' && (live.transfer.direction === 'out' || live.sink !== undefined)) {
      const method = transfers.list().find((each) => each.id === live.transfer.id)?.method ?? record.method;
      store.put({ ...record, method });
      const done = live.sink?.written();
      void live.sink?.suspend();
      transfers.update(live.transfer.id, { ...outcome, resumable: true, ...(done === undefined ? {} : { done }) });
      deps.onInterrupted?.(live.transfer, reason, by);
      return;
    }
    const kept = store.get(live.transfer.id);
    store.remove(live.transfer.id);
    if (reason !== 'success') void live.sink?.discard();
    // Refused for good: the bytes an earlier, interrupted session of this file left go too.
    if (kept?.direction === 'in' && !live.sink && (reason === 'cancel' || reason === 'decline')) void unlink(kept.path).catch(() => undefined);
    transfers.update(live.transfer.id, outcome);
  }

  /** Feeds the machine; arms the timer of the state it now waits in; cleans up once it ends. */
  function apply(live: Live, event: Event, outcome?: Outcome): boolean {
    const step = transition(live.session, event);
    if (!step.ok) return false;
    live.session = step.session;
    arm(live);
    const ended = live.session.ended;
    if (ended) {
      clearTimeout(live.stall);
      live.stop.abort();
      live.s5b?.dispose();
      sessions.delete(keyOf(live.peer, live.session.sid));
      if (byTransfer.get(live.transfer.id) === live) byTransfer.delete(live.transfer.id);
      live.forgetStream?.();
      settle(live, ended.reason, ended.by, outcome ?? outcomeOf(ended.reason, ended.by));
    }
    return true;
  }

  /** XEP-0166 §6.7: ends the session with this reason (ours, or the timer's). */
  async function terminate(live: Live, reason: Reason, event: Event = { by: 'local', action: 'session-terminate', reason }, outcome?: Outcome): Promise<void> {
    if (!apply(live, event, outcome)) return;
    await connection.iq(buildJingle({ to: live.peer, action: 'session-terminate', sid: live.session.sid, reason: { condition: reason } })).catch(() => undefined);
  }

  function register(live: Live, signal: AbortSignal): void {
    sessions.set(keyOf(live.peer, live.session.sid), live);
    byTransfer.set(live.transfer.id, live);
    arm(live);
    // Cancelled from either panel: the session ends with reason cancel (XEP-0166 §7.4).
    signal.addEventListener('abort', () => void terminate(live, 'cancel'), { once: true });
  }

  /** XEP-0260 §2.2: our candidates for this content, and the negotiation that picks one. */
  function negotiation(live: Live, sid: string, ours: readonly Candidate[]): S5bNegotiation {
    const content = { name: live.content.name, creator: live.content.creator };
    return createS5bNegotiation({
      sid,
      role: live.session.role,
      ownJid: ownJid(),
      peerJid: live.peer,
      ours,
      ...(candidates.server ? { server: candidates.server } : {}),
      iq: (request, timeoutMs) => connection.iq(request, timeoutMs),
      sendInfo: async (info) => void (await connection.iq(buildJingle({ to: live.peer, action: 'transport-info', sid: live.session.sid, contents: [{ ...content, transport: buildS5bInfo(sid, info) }] }))),
    });
  }

  return { deps, connection, transfers, logger, limits, store, sessions, byTransfer, ibb, saved, candidates, ownJid, keyOf, later, apply, terminate, register, negotiation, watch };
}

export type Engine = ReturnType<typeof createEngine>;
