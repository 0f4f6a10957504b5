// XEP-0234 §6.1 file offers: ours (the file's sha-256 announced with hash-used, XEP-0300 §3, and an empty <range/> saying
// we can resume, §5), and the peer's, which the user accepts or declines. An offer of a file we already hold part of, from
// the same peer, goes on in the same transfer: once accepted, our session-accept asks for the rest only (§6.1, §6.4).
import { randomUUID } from 'node:crypto';
import { stat, unlink } from 'node:fs/promises';
import { CausetteError, toAppError } from '../../../../shared/ipc/errors.ts';
import type { Transfer } from '../../../../shared/model/transfer.ts';
import { sanitiseFileName } from '../../transfers/download/file-name.ts';
import type { FileOffer } from '../file-stanzas.ts';
import { openFileSink, resumeFileSink } from '../file-sink.ts';
import { agreedBlockSize, DEFAULT_BLOCK_SIZE, NS_JINGLE_IBB } from '../ibb-stanzas.ts';
import { parseSecurity } from '../jet/jet-stanzas.ts';
import { buildJingle, type JingleContent } from '../jingle-stanzas.ts';
import { NS_JINGLE_S5B, type Candidate } from '../s5b-stanzas.ts';
import { newSession } from '../session-machine.ts';
import type { Engine } from './engine.ts';
import { bare, contentOf, type Live } from './live.ts';
import { resumeRange } from './range.ts';
import type { Receiving } from './receiving.ts';
import { findResumable } from './resumable.ts';
import type { Transport } from './transport.ts';

export interface OfferArgs {
  readonly to: string;
  readonly path: string;
  readonly name: string;
  readonly mediaType?: string;
  readonly desc?: string;
  /** The interrupted transfer this offer goes on with (the same file to the same peer). */
  readonly transferId?: string;
  /** End to end (XEP-0391), refused rather than sent in the clear when it cannot be. */
  readonly encrypt?: boolean;
}

/** The method a transfer starts with, from the candidates on offer. */
export const methodOf = (candidates: readonly Candidate[] | undefined) =>
  candidates?.some((each) => each.type !== 'proxy') ? 'direct' : candidates?.length ? 'proxy' : 'in-band';

export function createOffers(engine: Engine, receiving: Receiving, transport: Transport) {
  const { deps, connection, transfers, logger, store, candidates, ownJid, register, apply, terminate, later } = engine;

  /** A transfer that starts again (XEP-0234 §6.4) keeps its row, with the bytes it had; a new one gets its own. */
  function begin(resumes: string | undefined, fields: Omit<Transfer, 'id' | 'done' | 'state' | 'startedAt'>) {
    const again = resumes === undefined || engine.byTransfer.has(resumes) ? undefined : transfers.restart(resumes, { method: fields.method });
    return again ?? transfers.start(fields);
  }

  async function offer(args: OfferArgs): Promise<Transfer> {
    const info = await stat(args.path);
    const own = ownJid();
    const sid = randomUUID();
    if (args.encrypt && !deps.security) throw new CausetteError('encryption-unavailable', 'Files cannot be sent encrypted from here.', undefined, { context: 'noJet', jid: bare(args.to) });
    // XEP-0391 §4.1: a fresh transport secret for each session, a resumed one too.
    const sealed = args.encrypt ? await deps.security?.seal(bare(args.to), 'file') : undefined;
    const file: FileOffer = {
      name: args.name,
      size: info.size,
      ...(args.mediaType ? { mediaType: args.mediaType } : {}),
      date: info.mtime.toISOString(),
      ...(args.desc ? { desc: args.desc } : {}),
      hashes: [],
      hashesUsed: ['sha-256'],
    };
    // XEP-0260 first (§2.1), its candidates gathered before the offer goes.
    const socks5 = deps.socks5?.() !== false;
    const ours = socks5 ? await candidates.gather(own, args.to, false) : [];
    const withheld = socks5 ? candidates.withheld(args.to) : undefined;
    const { transfer, signal } = begin(args.transferId, { accountId: deps.accountId, peer: bare(args.to), direction: 'out', method: methodOf(ours), name: args.name, size: info.size, ...(withheld ? { directWithheld: withheld } : {}), ...(sealed ? { encrypted: true } : {}) });
    const live: Live = {
      session: newSession(sid, 'local', [{ name: 'file', creator: 'initiator', transport: socks5 ? NS_JINGLE_S5B : NS_JINGLE_IBB }]),
      peer: args.to,
      transfer,
      content: { name: 'file', creator: 'initiator' },
      senders: 'initiator',
      file,
      offered: file,
      range: { offset: 0, length: info.size },
      ibb: { sid: randomUUID(), blockSize: DEFAULT_BLOCK_SIZE },
      path: args.path,
      stop: new AbortController(),
      ...(sealed ? { secret: sealed.secret, security: sealed.security } : {}),
    };
    store.put({ transferId: transfer.id, accountId: deps.accountId, direction: 'out', peer: args.to, sid, method: transfer.method, file, path: args.path });
    register(live, signal);
    try {
      if (socks5) {
        const s5b = engine.negotiation(live, randomUUID(), ours);
        live.s5b = s5b;
        void s5b.result.then((stream) => transport.bytestream(live, stream));
      }
      await connection.iq(buildJingle({ to: args.to, action: 'session-initiate', sid, initiator: own, contents: [contentOf(live)] }));
    } catch (error) {
      apply(live, { by: 'remote', action: 'session-terminate', reason: 'connectivity-error' }, { state: 'failed', error: { code: 'transfer-failed', message: 'The other side could not be reached.', params: { context: 'unreachable' } } });
      throw error;
    }
    return transfer;
  }

  /** §6.1: an offer to us; the user is asked. */
  function offered(from: string, sid: string, content: JingleContent, file: FileOffer, transport: { sid: string; blockSize: number }, socks: { sid: string; candidates: readonly Candidate[] } | undefined): void {
    const name = sanitiseFileName(file.name);
    const security = parseSecurity(content.security);
    // §5: only a sender that said it can serve a range (an empty <range/>) is asked for the rest of a file we hold part of.
    const resumes = file.range ? findResumable(store, deps.accountId, 'in', from, file)?.transferId : undefined;
    // The sender offers the file again: the session it left (it may not have said so) is over, its bytes kept.
    const earlier = resumes === undefined ? undefined : engine.byTransfer.get(resumes);
    if (earlier) void terminate(earlier, 'expired');
    // XEP-0260 §6.1: connecting to a direct candidate would tell the peer our address; kept from whom may not learn it.
    const socks5 = socks !== undefined && deps.socks5?.() !== false;
    const reachable = socks5 ? candidates.reachable(from, socks.candidates) : [];
    const withheld = socks5 ? candidates.withheld(from) : undefined;
    const { transfer, signal } = begin(resumes, { accountId: deps.accountId, peer: bare(from), direction: 'in', method: methodOf(reachable), name, size: file.size, ...(withheld ? { directWithheld: withheld } : {}), ...(security ? { encrypted: true } : {}) });
    const live: Live = {
      session: newSession(sid, 'remote', [{ name: content.name, creator: content.creator, transport: socks ? NS_JINGLE_S5B : NS_JINGLE_IBB }]),
      peer: from,
      transfer,
      content: { name: content.name, creator: content.creator },
      senders: 'initiator',
      file: { ...file, name },
      offered: file,
      range: { offset: 0, length: file.size },
      ibb: { sid: transport.sid, blockSize: agreedBlockSize(transport.blockSize, DEFAULT_BLOCK_SIZE) },
      stop: new AbortController(),
      ...(socks ? { theirs: socks.candidates, socksSid: socks.sid } : {}),
      ...(resumes === undefined ? {} : { resumes }),
    };
    register(live, signal);
    if (!security) {
      deps.onOffer?.(transfer);
      return;
    }
    // XEP-0391 §7: an encrypted offer we cannot decrypt ends; it never falls back to the clear.
    const unreadable = new CausetteError('transfer-failed', 'The file is encrypted in a way this account cannot read.', undefined, { context: 'undecryptable', jid: bare(from), why: 'method' });
    live.opening = (deps.security ? deps.security.open(bare(from), security) : Promise.reject(unreadable)).then(
      (secret) => {
        live.secret = secret;
        deps.onOffer?.(transfer);
      },
      (error: unknown) => {
        logger.info('an encrypted Jingle offer could not be opened', { error: String(error) });
        later(() => terminate(live, 'security-error', undefined, { state: 'failed', error: toAppError(error) }));
        throw error;
      },
    );
    live.opening.catch(() => undefined);
  }

  /** The sink an accepted offer writes to: the temporary file of the transfer it resumes, if it is still there, or a new one. */
  async function sinkFor(live: Live, folder: string) {
    const record = live.resumes === undefined ? undefined : store.get(live.resumes);
    const have = record?.folder === folder ? await stat(record.path).then((info) => info.size).catch(() => undefined) : undefined;
    const range = have === undefined ? undefined : resumeRange(have, live.file.size);
    if (record && range && range.offset > 0) {
      live.range = range;
      return resumeFileSink(record.path, folder, live.file.name, live.file.size, range.offset);
    }
    // The bytes kept are of no use to this offer (gone, elsewhere, or none): the file starts over.
    if (record) await unlink(record.path).catch(() => undefined);
    return openFileSink(folder, live.file.name, live.file.size);
  }

  async function accept(transferId: string, folder?: string): Promise<void> {
    const live = engine.byTransfer.get(transferId);
    if (!live || live.session.role !== 'responder' || live.session.state !== 'pending' || live.transfer.direction !== 'in') throw new CausetteError('not-found', 'That offer is no longer open.', undefined, { context: 'transfer' });
    await live.opening;
    if (live.session.state !== 'pending') throw new CausetteError('not-found', 'That offer is no longer open.', undefined, { context: 'transfer' });
    const into = folder ?? deps.downloadsDir();
    const sink = await sinkFor(live, into);
    live.sink = sink;
    store.put({ transferId, accountId: deps.accountId, direction: 'in', peer: live.peer, sid: live.session.sid, method: live.transfer.method, file: live.offered, path: sink.temporary, folder: into, name: live.file.name });
    if (live.range.offset > 0) transfers.progress(transferId, live.range.offset);
    // SOCKS5 off: no candidate either way (candidate-error, XEP-0260 §2.3), and the initiator falls back to IBB (§3).
    const socks5 = deps.socks5?.() !== false;
    let tried: readonly Candidate[] = [];
    if (live.socksSid !== undefined) {
      const s5b = engine.negotiation(live, live.socksSid, socks5 ? await candidates.gather(ownJid(), live.peer, true) : []);
      live.s5b = s5b;
      tried = socks5 ? candidates.reachable(live.peer, live.theirs ?? [], s5b.ours) : [];
      // The user may have allowed the peer (or changed the setting) since the offer came.
      transfers.update(transferId, { method: methodOf([...tried, ...s5b.ours]), directWithheld: socks5 ? candidates.withheld(live.peer) : undefined });
    } else receiving.expectIbb(live);
    if (!apply(live, { by: 'local', action: 'session-accept' })) return;
    engine.watch(live);
    await connection.iq(buildJingle({ to: live.peer, action: 'session-accept', sid: live.session.sid, responder: ownJid(), contents: [contentOf(live)] }));
    logger.info('a file offer was accepted', { sid: live.session.sid, from: live.range.offset });
    // XEP-0260 §2.3: the responder tries the initiator's candidates once its accept is in.
    const s5b = live.s5b;
    if (s5b) {
      void s5b.result.then((stream) => transport.bytestream(live, stream));
      later(() => s5b.check(tried));
    }
  }

  async function decline(transferId: string): Promise<void> {
    const live = engine.byTransfer.get(transferId);
    if (!live) throw new CausetteError('not-found', 'That offer is no longer open.', undefined, { context: 'transfer' });
    await terminate(live, 'decline');
  }

  return { offer, offered, accept, decline };
}
