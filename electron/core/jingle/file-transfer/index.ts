// XEP-0234 Jingle File Transfer over XEP-0260 SOCKS5 Bytestreams, falling back to XEP-0261 In-Band Bytestreams through
// transport-replace (XEP-0260 §3): offering a file (its sha-256 announced, XEP-0300 §3, computed while it is sent and given
// in a checksum at the end, §8.2, so that the file is read once), receiving offers (the user accepts or declines), streaming
// from and to disk, going on with an interrupted transfer from the bytes already there (§6.4), and ending each session
// (XEP-0166 §6.7) as the session machine says. The receiver ends a finished transfer (§6.6) once the size and hash match.
// The parts: engine (sessions, machine, outcomes), offers, receiving, transport, resume; this file routes the peer's requests.
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { NS_HASH_SHA256, NS_JINGLE_FT, parseChecksum, parseDescription, sha256Of } from '../file-stanzas.ts';
import { agreedBlockSize, DEFAULT_BLOCK_SIZE, NS_IBB, NS_JINGLE_IBB, parseIbbTransport } from '../ibb-stanzas.ts';
import { NS_JET, NS_JET_OMEMO } from '../jet/jet-stanzas.ts';
import { buildJingle, jingleReplyError, NS_JINGLE, parseJingle, type JingleRequest } from '../jingle-stanzas.ts';
import { NS_JINGLE_S5B, parseS5bInfo, parseS5bTransport } from '../s5b-stanzas.ts';
import type { Event, Reason } from '../session-machine.ts';
import { createEngine, type JingleFileTransferDeps } from './engine.ts';
import { bare, type Live } from './live.ts';
import { createOffers } from './offers.ts';
import { completesFile, servedRange } from './range.ts';
import { createReceiving } from './receiving.ts';
import { createResume } from './resume.ts';
import { createTransport } from './transport.ts';

export type { JingleFileTransferDeps } from './engine.ts';
export { createResumeStore, restoredTransfer, type ResumeStore } from './resumable.ts';

/** XEP-0030 features of this module. */
export const JINGLE_FT_FEATURES = [NS_JINGLE, NS_JINGLE_FT, NS_JINGLE_S5B, NS_JINGLE_IBB, NS_IBB, NS_HASH_SHA256] as const;
/** XEP-0391 §6, XEP-0396 §5: encrypted transports, with OMEMO (advertised where OMEMO is on). */
export const JET_FEATURES = [NS_JET, NS_JET_OMEMO] as const;

export function setupJingleFileTransfer(deps: JingleFileTransferDeps) {
  const engine = createEngine(deps);
  const { connection, logger, sessions, keyOf, apply, terminate, later } = engine;
  const receiving = createReceiving(engine);
  const transport = createTransport(engine, receiving);
  const offers = createOffers(engine, receiving, transport);
  const resume = createResume(engine, receiving, transport, offers);

  /** §6.1 an offer, §6.2 a request (the content's senders is the responder, us); one we cannot take is ended with the reason. */
  function initiated(from: string, request: JingleRequest): void {
    const content = request.contents[0];
    const file = parseDescription(content?.description);
    const socks = parseS5bTransport(content?.transport);
    const ibb = socks ? { sid: randomUUID(), blockSize: DEFAULT_BLOCK_SIZE } : parseIbbTransport(content?.transport);
    // XEP-0166 §6.3.2: an offer we cannot take is acknowledged, then ended with the reason.
    const unsupported: Reason | undefined = !content || !file ? 'unsupported-applications' : !ibb ? 'unsupported-transports' : undefined;
    if (unsupported || !content || !file || !ibb) {
      logger.info('a Jingle offer was refused', { reason: unsupported ?? 'general-error' });
      later(() => connection.iq(buildJingle({ to: from, action: 'session-terminate', sid: request.sid, reason: { condition: unsupported ?? 'general-error' } })));
      return;
    }
    if (content.senders === 'responder') later(() => resume.serve(from, request.sid, content, file, ibb, socks));
    else offers.offered(from, request.sid, content, file, ibb, socks);
  }

  /** §6.1: the responder's accept; it may carry the range the receiver wants (§6.4), which the sender honours. */
  function accepted(live: Live, request: JingleRequest): Reason | undefined {
    const file = parseDescription(request.contents[0]?.description);
    if (!live.s5b) {
      const offered = parseIbbTransport(request.contents[0]?.transport);
      // XEP-0261 §2: the responder may lower the block size, never raise it.
      if (offered) live.ibb = { sid: live.ibb.sid, blockSize: agreedBlockSize(offered.blockSize, live.ibb.blockSize) };
    }
    if (!file?.range) return undefined;
    const range = servedRange(file.range, live.file.size);
    if (live.transfer.direction === 'out') {
      if (!range) return 'failed-application';
      live.range = range;
      return undefined;
    }
    // We asked for a range (§6.2): the sender must serve the rest of the file from where our bytes end.
    return range && completesFile(range, live.range.offset, live.file.size) ? undefined : 'failed-application';
  }

  function handle(stanza: Element, payload: Element): undefined {
    const from = stanza.attrs.from ?? '';
    const request = parseJingle(payload);
    if (request === 'bad-request') throw jingleReplyError('out-of-order');
    const live = sessions.get(keyOf(from, request.sid));
    if (request.action === 'session-initiate') {
      // XEP-0166 §7.2.16: both sides used the same sid at once; the lower full JID goes on.
      if (live) throw jingleReplyError('tie-break');
      initiated(from, request);
      return undefined;
    }
    if (!live) throw jingleReplyError('unknown-session');
    const refs = request.contents.map((content) => ({ name: content.name, creator: content.creator, ...(content.transport?.attrs.xmlns ? { transport: String(content.transport.attrs.xmlns) } : {}) }));
    const event: Event =
      request.action === 'session-terminate'
        ? { by: 'remote', action: 'session-terminate', reason: request.reason?.condition ?? 'general-error' }
        : request.action === 'content-add' || request.action === 'content-accept' || request.action === 'content-reject' || request.action === 'content-remove' || request.action === 'transport-replace' || request.action === 'transport-accept' || request.action === 'transport-reject'
          ? { by: 'remote', action: request.action, contents: refs }
          : { by: 'remote', action: request.action };
    const socks = parseS5bTransport(request.contents[0]?.transport);
    const refused = request.action === 'session-accept' ? accepted(live, request) : undefined;
    if (!apply(live, event)) throw jingleReplyError('out-of-order');
    const s5b = live.s5b;
    if (refused) later(() => terminate(live, refused));
    else if (request.action === 'session-accept' && s5b) later(() => s5b.check(engine.candidates.reachable(live.peer, socks?.candidates ?? [])));
    // Over IBB the file's sender opens the stream (XEP-0261 §2); a receiver that asked for the file waits for it.
    else if (request.action === 'session-accept' && live.transfer.direction === 'out') later(() => transport.stream(live));
    const info = request.action === 'transport-info' ? parseS5bInfo(request.contents[0]?.transport) : undefined;
    if (info && s5b && (info.sid === undefined || info.sid === s5b.sid)) s5b.info(info.info);
    if (request.action === 'transport-replace') later(() => transport.replaced(live, parseIbbTransport(request.contents[0]?.transport)));
    if (request.action === 'transport-accept' && live.transfer.direction === 'out') {
      const offered = parseIbbTransport(request.contents[0]?.transport);
      if (offered) live.ibb = { sid: live.ibb.sid, blockSize: agreedBlockSize(offered.blockSize, live.ibb.blockSize) };
      later(() => transport.stream(live));
    }
    if (request.action === 'transport-reject') later(() => terminate(live, 'failed-transport'));
    if (request.action === 'session-info' && request.info) {
      const checksum = parseChecksum(request.info);
      const sha256 = checksum && sha256Of(checksum.hashes);
      if (sha256 !== undefined) {
        live.checksumValue = sha256;
        live.checksum?.(sha256);
      }
    }
    // XEP-0166 §7.2.5: a session without contents is void.
    if (live.session.contents.length === 0) later(() => terminate(live, 'success'));
    return undefined;
  }

  const removeHandler = deps.router.handle('set', 'jingle', NS_JINGLE, handle);
  // RFC 6121 §4.5.3: the peer's device went offline. A session that waits on it (its answer, its in-band bytes) would end
  // only by a timer, minutes on: it ends now, as gone, resumable where bytes are kept (XEP-0234 §6.4). A SOCKS5 bytestream
  // under way is left to its own end, which says whether the file got through.
  const removePresence = connection.pipeline.handle({ stanza: 'presence' }, (stanza) => {
    if (stanza.attrs.type !== 'unavailable' || sessions.size === 0) return;
    const from = stanza.attrs.from ?? '';
    for (const live of [...sessions.values()]) {
      if ((live.peer !== from && bare(live.peer) !== from) || live.onSocket) continue;
      logger.info('the other side of a transfer went offline', { sid: live.session.sid });
      apply(live, { by: 'remote', action: 'session-terminate', reason: 'gone' });
    }
  });
  // The connection broke: no session survives it (its bytestreams and iqs are gone); what was received is kept to resume (§6.4).
  const removeState = connection.onState((state) => {
    if (state.status !== 'online') for (const live of [...sessions.values()]) void terminate(live, 'connectivity-error');
  });

  return {
    offer: offers.offer,
    accept: offers.accept,
    decline: offers.decline,
    /** Goes on with an interrupted transfer (XEP-0234 §6.4): asks `to` for the rest of a file, or offers a file again. */
    resume: resume.request,
    /** The peer's device the interrupted transfer was with. */
    resumePeer: resume.deviceOf,
    /** Gives up an interrupted transfer (cancelled while it waits to go on); false if it is not one. */
    abandon: resume.abandon,
    savedPath: (transferId: string): string | undefined => engine.saved.get(transferId),
    dispose(): void {
      removeHandler();
      removePresence();
      removeState();
      engine.ibb.dispose();
      engine.candidates.dispose();
      for (const live of [...sessions.values()]) void terminate(live, 'gone');
    },
  };
}

export type JingleFileTransfer = ReturnType<typeof setupJingleFileTransfer>;
