// Going on with an interrupted transfer (XEP-0234 §6.4). The receiver asks for the rest: a file request (§6.2, content
// senders 'responder') naming the file as offered, with <range offset/> at the bytes it holds; the sender serves a request
// for a file it offered that peer, from the range asked. The sender offers the file again instead (§6.1): a receiver
// holding part of it asks for the rest in its session-accept.
import { randomUUID } from 'node:crypto';
import { stat, unlink } from 'node:fs/promises';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { FileOffer } from '../file-stanzas.ts';
import { openFileSink, resumeFileSink } from '../file-sink.ts';
import { agreedBlockSize, DEFAULT_BLOCK_SIZE, NS_JINGLE_IBB } from '../ibb-stanzas.ts';
import { buildJingle, type JingleContent } from '../jingle-stanzas.ts';
import { NS_JINGLE_S5B, type Candidate } from '../s5b-stanzas.ts';
import { newSession } from '../session-machine.ts';
import type { Engine } from './engine.ts';
import { bare, contentOf, type Live } from './live.ts';
import { methodOf, type createOffers } from './offers.ts';
import { resumeRange, servedRange } from './range.ts';
import type { Receiving } from './receiving.ts';
import { findResumable } from './resumable.ts';
import type { Transport } from './transport.ts';

export function createResume(engine: Engine, receiving: Receiving, transport: Transport, offers: ReturnType<typeof createOffers>) {
  const { deps, connection, transfers, logger, store, candidates, ownJid, register, apply, terminate, later } = engine;

  function interrupted(transferId: string) {
    const record = store.get(transferId);
    const transfer = transfers.list().find((each) => each.id === transferId);
    if (!record || !transfer?.resumable || engine.byTransfer.has(transferId)) throw new CausetteError('not-found', 'That transfer cannot go on.', undefined, { context: 'transfer' });
    return record;
  }

  /** The peer's device the last session was with, if it is still among those online; else the one given. */
  const deviceOf = (transferId: string): string | undefined => store.get(transferId)?.peer;

  /** §6.2, §6.4: the receiver asks `to` for the rest of the file, from the bytes its temporary file holds. */
  async function request(transferId: string, to: string): Promise<void> {
    const record = interrupted(transferId);
    if (record.direction !== 'in' || record.folder === undefined || record.name === undefined) {
      const { name, mediaType, desc } = record.file;
      return void (await offers.offer({ to, path: record.path, name, ...(mediaType ? { mediaType } : {}), ...(desc ? { desc } : {}), transferId }));
    }
    const have = await stat(record.path).then((info) => info.size).catch(() => 0);
    const range = resumeRange(have, record.file.size) ?? { offset: 0, length: record.file.size };
    const sink = range.offset > 0 ? await resumeFileSink(record.path, record.folder, record.name, record.file.size, range.offset) : await openFileSink(record.folder, record.name, record.file.size);
    const own = ownJid();
    const sid = randomUUID();
    const socks5 = deps.socks5?.() !== false;
    const ours = socks5 ? await candidates.gather(own, to, true) : [];
    const restarted = transfers.restart(transferId, { method: methodOf(ours), done: range.offset });
    if (!restarted) {
      await sink.suspend();
      throw new CausetteError('not-found', 'That transfer cannot go on.', undefined, { context: 'transfer' });
    }
    const live: Live = {
      session: newSession(sid, 'local', [{ name: 'file', creator: 'initiator', transport: socks5 ? NS_JINGLE_S5B : NS_JINGLE_IBB }]),
      peer: to,
      transfer: restarted.transfer,
      content: { name: 'file', creator: 'initiator' },
      senders: 'responder',
      file: { ...record.file, name: record.name },
      offered: record.file,
      range,
      ibb: { sid: randomUUID(), blockSize: DEFAULT_BLOCK_SIZE },
      sink,
      stop: new AbortController(),
    };
    store.put({ ...record, peer: to, sid, path: sink.temporary });
    register(live, restarted.signal);
    engine.watch(live);
    if (socks5) {
      const s5b = engine.negotiation(live, randomUUID(), ours);
      live.s5b = s5b;
      void s5b.result.then((stream) => transport.bytestream(live, stream));
    } else receiving.expectIbb(live);
    logger.info('asking for the rest of a file', { sid, from: range.offset });
    await connection.iq(buildJingle({ to, action: 'session-initiate', sid, initiator: own, contents: [contentOf(live)] })).catch((error: unknown) => {
      apply(live, { by: 'remote', action: 'session-terminate', reason: 'connectivity-error' });
      throw error;
    });
  }

  /** §6.2: a request for a file; we serve it, from the range asked (§6.4), when it is one we offered this peer and still have. */
  async function serve(from: string, sid: string, content: JingleContent, wanted: FileOffer, ibbOffered: { sid: string; blockSize: number }, socks: { sid: string; candidates: readonly Candidate[] } | undefined): Promise<void> {
    const record = findResumable(store, deps.accountId, 'out', from, wanted);
    const info = record && (await stat(record.path).catch(() => undefined));
    // The file as it was offered: a changed one would not continue the bytes the receiver holds.
    const unchanged = record !== undefined && info !== undefined && info.size === record.file.size && (record.file.date === undefined || info.mtime.toISOString() === record.file.date);
    const range = unchanged ? servedRange(wanted.range, record.file.size) : undefined;
    if (!record || !range) {
      // §9.1: a file we do not offer this peer (or no longer have, or a range outside it) is not available.
      logger.info('a file request was refused', { found: record !== undefined });
      await connection.iq(buildJingle({ to: from, action: 'session-terminate', sid, reason: { condition: 'failed-application' } })).catch(() => undefined);
      return;
    }
    const earlier = engine.byTransfer.get(record.transferId);
    // The receiver started over: a session of this transfer still under way is over.
    if (earlier) await terminate(earlier, 'expired');
    const started = transfers.restart(record.transferId, { method: methodOf(socks?.candidates), done: range.offset }) ?? transfers.start({ accountId: deps.accountId, peer: bare(from), direction: 'out', method: methodOf(socks?.candidates), name: record.file.name, size: record.file.size });
    const live: Live = {
      session: newSession(sid, 'remote', [{ name: content.name, creator: content.creator, transport: socks ? NS_JINGLE_S5B : NS_JINGLE_IBB }]),
      peer: from,
      transfer: started.transfer,
      content: { name: content.name, creator: content.creator },
      senders: 'responder',
      file: record.file,
      offered: record.file,
      range,
      ibb: { sid: ibbOffered.sid, blockSize: agreedBlockSize(ibbOffered.blockSize, DEFAULT_BLOCK_SIZE) },
      path: record.path,
      stop: new AbortController(),
      ...(socks ? { theirs: socks.candidates, socksSid: socks.sid } : {}),
    };
    store.put({ ...record, transferId: started.transfer.id, peer: from, sid });
    register(live, started.signal);
    logger.info('serving the rest of a file', { sid, from: range.offset, length: range.length });
    const socks5 = deps.socks5?.() !== false;
    if (live.socksSid !== undefined) live.s5b = engine.negotiation(live, live.socksSid, socks5 ? await candidates.gather(ownJid(), from, false) : []);
    if (!apply(live, { by: 'local', action: 'session-accept' })) return;
    await connection.iq(buildJingle({ to: from, action: 'session-accept', sid, responder: ownJid(), contents: [contentOf(live)] }));
    const s5b = live.s5b;
    if (s5b) {
      void s5b.result.then((stream) => transport.bytestream(live, stream));
      later(() => s5b.check(socks5 ? candidates.reachable(from, live.theirs ?? [], s5b.ours) : []));
    } else later(() => transport.stream(live));
  }

  /** The user gives up an interrupted transfer: nothing is left to go on from (the bytes received so far go too); false if it is not one. */
  function abandon(transferId: string): boolean {
    const record = store.get(transferId);
    const transfer = transfers.list().find((each) => each.id === transferId);
    if (!record || !transfer?.resumable || transfer.state !== 'failed' || engine.byTransfer.has(transferId)) return false;
    store.remove(transferId);
    if (record.direction === 'in') void unlink(record.path).catch(() => undefined);
    transfers.update(transferId, { state: 'cancelled', resumable: false });
    return true;
  }

  return { request, serve, deviceOf, abandon };
}
