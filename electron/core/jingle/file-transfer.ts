// XEP-0234 Jingle File Transfer over XEP-0260 SOCKS5 Bytestreams, falling back to XEP-0261 In-Band Bytestreams through
// transport-replace (XEP-0260 §3): offering a file (its sha-256 announced, XEP-0300 §3,
// computed while it is sent and given in a checksum at the end, §7, so that the file is read once),
// receiving offers (the user accepts or declines), streaming from and to disk, and ending each session (XEP-0166 §6.7)
// as the session machine says. The receiver ends a finished transfer (XEP-0234 §2) once the size and hash match.
// With XEP-0391 (jet/), the bytes are encrypted end to end over whichever transport carries them.
import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Element } from '@xmpp/xml';
import { CausetteError, toAppError } from '../../../shared/ipc/errors.ts';
import type { Transfer } from '../../../shared/model/transfer.ts';
import type { Logger } from '../log/logger.ts';
import { sanitiseFileName } from '../transfers/download/file-name.ts';
import type { Transfers } from '../transfers/transfers.ts';
import type { Connection } from '../xmpp/connection.ts';
import type { IqRouter } from '../xmpp/iq-router.ts';
import { buildChecksum, buildDescription, buildFile, NS_HASH_SHA256, NS_JINGLE_FT, parseChecksum, parseDescription, sha256Of, type FileOffer } from './file-stanzas.ts';
import { openFileSink, type FileSink } from './file-sink.ts';
import { setupIbbReceiver } from './ibb-receive.ts';
import { sendOverIbb } from './ibb-send.ts';
import { agreedBlockSize, buildIbbTransport, DEFAULT_BLOCK_SIZE, NS_IBB, NS_JINGLE_IBB, parseIbbTransport, type IbbTransport } from './ibb-stanzas.ts';
import { buildJingle, jingleReplyError, NS_JINGLE, parseJingle, type JingleRequest } from './jingle-stanzas.ts';
import { setupS5bCandidates, type Streamhost } from './s5b-candidates.ts';
import { createS5bNegotiation, type S5bNegotiation, type S5bStream } from './s5b-negotiation.ts';
import { buildS5bInfo, buildS5bTransport, NS_JINGLE_S5B, parseS5bInfo, parseS5bTransport, type Candidate } from './s5b-stanzas.ts';
import { receiveFromSocket, sendOverSocket } from './s5b-stream.ts';
import type { JetSecurity } from './jet/jet-omemo.ts';
import { NS_JET, NS_JET_OMEMO, parseSecurity, type TransportSecret } from './jet/jet-stanzas.ts';
import { decryptingStream, encryptingStream, TAG_LENGTH, type StreamCipher } from './jet/stream-cipher.ts';
import { newSession, timeouts, transition, waitingFor, type Event, type Reason, type Session } from './session-machine.ts';

/** XEP-0030 features of this module. */
export const JINGLE_FT_FEATURES = [NS_JINGLE, NS_JINGLE_FT, NS_JINGLE_S5B, NS_JINGLE_IBB, NS_IBB, NS_HASH_SHA256] as const;
/** XEP-0391 §6, XEP-0396 §5: encrypted transports, with OMEMO (advertised where OMEMO is on). */
export const JET_FEATURES = [NS_JET, NS_JET_OMEMO] as const;

/** How long the receiver waits for a checksum announced with hash-used (XEP-0234 §7), and the sender for the end. */
const CHECKSUM_WAIT_MS = 10_000;
const END_WAIT_MS = 60_000;

export interface JingleFileTransferDeps {
  readonly accountId: string;
  readonly connection: Pick<Connection, 'iq' | 'send' | 'state'>;
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
}

interface Live {
  session: Session;
  readonly peer: string;
  readonly transfer: Transfer;
  readonly content: { readonly name: string; readonly creator: 'initiator' | 'responder' };
  readonly file: FileOffer;
  ibb: IbbTransport;
  /** XEP-0260: the SOCKS5 transport while it is the content's, and the peer's candidates. */
  s5b?: S5bNegotiation;
  theirs?: readonly Candidate[];
  /** The file sent, or the folder an accepted file goes to. */
  path?: string;
  sink?: FileSink;
  timer?: ReturnType<typeof setTimeout>;
  /** Stops the bytes in flight once the session ends. */
  readonly stop: AbortController;
  /** XEP-0260: the sid of the SOCKS5 transport the peer offered. */
  socksSid?: string;
  /** The sender's sha-256 from a checksum (§7), and who waits for it. */
  checksumValue?: string;
  checksum?: (sha256: string) => void;
  forgetStream?: () => void;
  /** XEP-0391: the transport secret, and our <security/> of the offer. */
  secret?: TransportSecret;
  security?: Element;
  /** The peer's secret being opened: accepting waits for it. */
  opening?: Promise<void>;
  /** The receiver's decryption of the stream under way. */
  opener?: StreamCipher;
}

const bare = (jid: string): string => jid.split('/')[0] ?? jid;
const later = (task: () => Promise<unknown>, logger: Logger) => setTimeout(() => void task().catch((error: unknown) => logger.warn('a Jingle step failed', { error: String(error) })), 0);

export function setupJingleFileTransfer(deps: JingleFileTransferDeps) {
  const { connection, transfers, logger } = deps;
  const limits = { ...timeouts, ...deps.timeouts };
  const sessions = new Map<string, Live>();
  const byTransfer = new Map<string, Live>();
  const ibb = setupIbbReceiver(deps.router);
  /** Where each received file was saved, by transfer id (the panel's Open and Show in folder). */
  const saved = new Map<string, string>();
  const candidates = setupS5bCandidates({
    connection,
    domain: () => bare(ownJid()).split('@').at(-1) ?? '',
    mayRevealAddresses: deps.mayRevealAddresses ?? (() => false),
    directCandidates: deps.directCandidates ?? (() => true),
    ...(deps.directHosts ? { directHosts: deps.directHosts } : {}),
    ...(deps.streamhost ? { streamhost: deps.streamhost } : {}),
  });
  const keyOf = (peer: string, sid: string) => `${peer} ${sid}`;
  const ownJid = (): string => {
    if (connection.state.status !== 'online') throw new CausetteError('not-connected', 'Sign in first.');
    return connection.state.jid;
  };

  function failure(reason: Reason, by: 'local' | 'remote'): Pick<Transfer, 'state' | 'error'> {
    if (reason === 'success') return { state: 'done' };
    if (reason === 'cancel' || (by === 'local' && reason === 'decline')) return { state: 'cancelled' };
    if (reason === 'decline') return { state: 'cancelled', error: { code: 'declined', message: 'The file was declined.' } };
    // XEP-0391 §7: the peer could not (or would not) decrypt what we sent.
    if (reason === 'security-error') return { state: 'failed', error: { code: 'transfer-failed', message: 'The other side could not decrypt the file.', params: { context: 'securityError' } } };
    if (reason === 'timeout') return { state: 'failed', error: { code: 'timeout', message: 'The transfer took too long.', params: { context: 'transfer' } } };
    return { state: 'failed', error: { code: 'transfer-failed', message: `The transfer failed (${reason}).`, params: { reason } } };
  }

  /** The timer of the state the session waits in, if any (XEP-0166 §7.4 timeout). */
  function arm(live: Live): void {
    clearTimeout(live.timer);
    const waiting = waitingFor(live.session);
    if (waiting) live.timer = setTimeout(() => void terminate(live, 'timeout', { by: 'timer' }), limits[waiting.kind]);
  }

  /** Feeds the machine; arms the timer of the state it now waits in; cleans up once it ends. */
  function apply(live: Live, event: Event, outcome?: Pick<Transfer, 'state' | 'error'>): boolean {
    const step = transition(live.session, event);
    if (!step.ok) return false;
    live.session = step.session;
    arm(live);
    const ended = live.session.ended;
    if (ended) {
      live.stop.abort();
      live.s5b?.dispose();
      sessions.delete(keyOf(live.peer, live.session.sid));
      byTransfer.delete(live.transfer.id);
      live.forgetStream?.();
      if (ended.reason !== 'success') void live.sink?.discard();
      transfers.update(live.transfer.id, outcome ?? failure(ended.reason, ended.by));
    }
    return true;
  }

  /** §6.7: ends the session with this reason (ours, or the timer's). */
  async function terminate(live: Live, reason: Reason, event: Event = { by: 'local', action: 'session-terminate', reason }, outcome?: Pick<Transfer, 'state' | 'error'>): Promise<void> {
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

  const contentOf = (live: Live) => ({
    ...live.content,
    senders: 'initiator' as const,
    description: buildDescription(buildFile(live.file)),
    transport: live.s5b ? buildS5bTransport({ sid: live.s5b.sid, candidates: live.s5b.ours }) : buildIbbTransport(live.ibb),
    security: live.session.role === 'initiator' ? live.security : undefined,
  });

  /** XEP-0260 §2.2: our candidates for this content, and the negotiation that picks one. */
  function negotiation(live: Live, sid: string, ours: readonly Candidate[]): S5bNegotiation {
    const own = ownJid();
    const content = { name: live.content.name, creator: live.content.creator };
    return createS5bNegotiation({
      sid,
      role: live.session.role,
      ownJid: own,
      peerJid: live.peer,
      ours,
      ...(candidates.server ? { server: candidates.server } : {}),
      iq: (request, timeoutMs) => connection.iq(request, timeoutMs),
      sendInfo: async (info) => void (await connection.iq(buildJingle({ to: live.peer, action: 'transport-info', sid: live.session.sid, contents: [{ ...content, transport: buildS5bInfo(sid, info) }] }))),
    });
  }

  /** XEP-0260 §2.5: the nominated bytestream carries the file; none, and the initiator falls back to IBB (§3). */
  async function bytestream(live: Live, stream: S5bStream | undefined): Promise<void> {
    if (live.session.state === 'ended') {
      stream?.socket.destroy();
      return;
    }
    if (!stream) {
      logger.info('no SOCKS5 candidate worked', { sid: live.session.sid });
      if (live.session.role === 'initiator') return fallback(live);
      // The initiator replaces the transport (§3); without a replacement the session cannot go on.
      live.timer = setTimeout(() => void terminate(live, 'failed-transport'), limits['transport-accept']);
      return;
    }
    transfers.update(live.transfer.id, { method: stream.method });
    if (live.transfer.direction === 'out') return send(live, (onBytes) => sendOverSocket({ socket: stream.socket, path: live.path ?? '', offset: live.file.range?.offset ?? 0, length: live.file.size - (live.file.range?.offset ?? 0), onProgress: (sent) => transfers.progress(live.transfer.id, sent), onBytes, signal: live.stop.signal, seal: sealOf(live) }));
    try {
      unseal(live);
      // XEP-0391: the encrypted stream carries the tag after the file's bytes.
      await receiveFromSocket({ socket: stream.socket, size: live.file.size - (live.file.range?.offset ?? 0) + (live.secret ? TAG_LENGTH : 0), onData: (bytes) => written(live, bytes), signal: live.stop.signal });
      await complete(live);
    } catch (error) {
      if (!live.stop.signal.aborted) await terminate(live, 'failed-transport');
      logger.warn('a SOCKS5 transfer stopped', { error: String(error) });
    }
  }

  /** XEP-0260 §3, XEP-0166 §7.2.15: the initiator replaces SOCKS5 with IBB; the transfer goes on once it is accepted. */
  async function fallback(live: Live): Promise<void> {
    live.s5b?.dispose();
    delete live.s5b;
    live.ibb = { sid: randomUUID(), blockSize: DEFAULT_BLOCK_SIZE };
    if (!apply(live, { by: 'local', action: 'transport-replace', contents: [{ ...live.content, transport: NS_JINGLE_IBB }] })) return;
    transfers.update(live.transfer.id, { method: 'in-band' });
    if (live.transfer.direction === 'in') expectIbb(live);
    await connection.iq(buildJingle({ to: live.peer, action: 'transport-replace', sid: live.session.sid, contents: [{ ...live.content, transport: buildIbbTransport(live.ibb) }] })).catch(() => terminate(live, 'failed-transport'));
  }

  /** XEP-0166 §7.2.15: the peer replaced the transport with IBB; we accept it and go on over it. */
  async function replaced(live: Live, transport: IbbTransport | undefined): Promise<void> {
    live.s5b?.dispose();
    delete live.s5b;
    if (!transport) {
      if (apply(live, { by: 'local', action: 'transport-reject', contents: [live.content] }))
        await connection.iq(buildJingle({ to: live.peer, action: 'transport-reject', sid: live.session.sid, contents: [live.content] })).catch(() => undefined);
      return;
    }
    live.ibb = { sid: transport.sid, blockSize: agreedBlockSize(transport.blockSize, DEFAULT_BLOCK_SIZE) };
    transfers.update(live.transfer.id, { method: 'in-band' });
    if (live.transfer.direction === 'in') expectIbb(live);
    if (!apply(live, { by: 'local', action: 'transport-accept', contents: [live.content] })) return;
    await connection.iq(buildJingle({ to: live.peer, action: 'transport-accept', sid: live.session.sid, contents: [{ ...live.content, transport: buildIbbTransport(live.ibb) }] }));
    if (live.transfer.direction === 'out') await stream(live);
  }

  /** We are the sender: the bytes go over the transport, the hash is sent (§7); then the receiver ends the session (§2). */
  async function send(live: Live, bytes: (onBytes: (bytes: Uint8Array) => void) => Promise<void>): Promise<void> {
    const hash = createHash('sha256');
    try {
      await bytes((chunk) => hash.update(chunk));
      const checksum = buildChecksum(live.content, [{ algo: 'sha-256', value: hash.digest('base64') }]);
      // A receiver that cannot read it still ends the session (it may check the size only): its error is no failure here.
      await connection.iq(buildJingle({ to: live.peer, action: 'session-info', sid: live.session.sid, info: checksum })).catch(() => undefined);
      live.timer = setTimeout(() => void terminate(live, 'timeout'), END_WAIT_MS);
    } catch (error) {
      if (live.session.state !== 'ended') await terminate(live, 'failed-transport');
      logger.warn('a transfer stopped', { error: String(error) });
    }
  }

  /** Over IBB (XEP-0261): after the accept, or once IBB replaced SOCKS5. */
  function stream(live: Live): Promise<void> {
    return send(live, (onBytes) =>
      sendOverIbb({
        iq: (request, timeoutMs) => connection.iq(request, timeoutMs),
        to: live.peer,
        sid: live.ibb.sid,
        blockSize: live.ibb.blockSize,
        path: live.path ?? '',
        offset: live.file.range?.offset ?? 0,
        length: live.file.size - (live.file.range?.offset ?? 0),
        onProgress: (sent) => transfers.progress(live.transfer.id, sent),
        onBytes,
        signal: live.stop.signal,
        seal: sealOf(live),
      }),
    );
  }

  /** XEP-0391: a fresh encryption of the stream for each attempt to send it (a transport replaced before any byte went). */
  const sealOf = (live: Live): StreamCipher | undefined => (live.secret ? encryptingStream(live.secret) : undefined);
  function unseal(live: Live): void {
    if (live.secret) live.opener = decryptingStream(live.secret);
  }

  /** `encrypt`: end to end (XEP-0391), refused rather than sent in the clear when it cannot be. */
  async function offer(args: { to: string; path: string; name: string; mediaType?: string; desc?: string; encrypt?: boolean }): Promise<Transfer> {
    const info = await stat(args.path);
    const own = ownJid();
    const sid = randomUUID();
    if (args.encrypt && !deps.security) throw new CausetteError('encryption-unavailable', 'Files cannot be sent encrypted from here.', undefined, { context: 'noJet', jid: bare(args.to) });
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
    const ours = socks5 ? await candidates.gather(own, args.to) : [];
    const method = ours.some((candidate) => candidate.type === 'direct') ? 'direct' : ours.length > 0 ? 'proxy' : 'in-band';
    const withheld = socks5 ? candidates.withheld(args.to) : undefined;
    const { transfer, signal } = transfers.start({
      accountId: deps.accountId,
      peer: bare(args.to),
      direction: 'out',
      method,
      name: args.name,
      size: info.size,
      ...(withheld ? { directWithheld: withheld } : {}),
      ...(sealed ? { encrypted: true } : {}),
    });
    const live: Live = {
      session: newSession(sid, 'local', [{ name: 'file', creator: 'initiator', transport: socks5 ? NS_JINGLE_S5B : NS_JINGLE_IBB }]),
      peer: args.to,
      transfer,
      content: { name: 'file', creator: 'initiator' },
      file,
      ibb: { sid: randomUUID(), blockSize: DEFAULT_BLOCK_SIZE },
      path: args.path,
      stop: new AbortController(),
      ...(sealed ? { secret: sealed.secret, security: sealed.security } : {}),
    };
    register(live, signal);
    try {
      if (socks5) {
        const s5b = negotiation(live, randomUUID(), ours);
        live.s5b = s5b;
        void s5b.result.then((stream) => bytestream(live, stream));
      }
      await connection.iq(buildJingle({ to: args.to, action: 'session-initiate', sid, initiator: own, contents: [contentOf(live)] }));
    } catch (error) {
      apply(live, { by: 'remote', action: 'session-terminate', reason: 'connectivity-error' }, { state: 'failed', error: { code: 'transfer-failed', message: 'The other side could not be reached.', params: { context: 'unreachable' } } });
      throw error;
    }
    return transfer;
  }

  function received(from: string, request: JingleRequest): void {
    const content = request.contents[0];
    const file = parseDescription(content?.description);
    const socks = parseS5bTransport(content?.transport);
    const transport = socks ? { sid: randomUUID(), blockSize: DEFAULT_BLOCK_SIZE } : parseIbbTransport(content?.transport);
    // XEP-0166 §6.3.2: an offer we cannot take is acknowledged, then ended with the reason.
    const unsupported: Reason | undefined = !content || !file ? 'unsupported-applications' : !transport ? 'unsupported-transports' : undefined;
    if (unsupported || !content || !file || !transport) {
      logger.info('a Jingle offer was refused', { reason: unsupported ?? 'general-error' });
      later(() => connection.iq(buildJingle({ to: from, action: 'session-terminate', sid: request.sid, reason: { condition: unsupported ?? 'general-error' } })), logger);
      return;
    }
    const name = sanitiseFileName(file.name);
    const security = parseSecurity(content.security);
    // XEP-0260 §6.1: connecting to a direct candidate would tell the peer our address; kept from whom may not learn it.
    const socks5 = socks !== undefined && deps.socks5?.() !== false;
    const reachable = socks5 ? candidates.reachable(from, socks.candidates) : [];
    const withheld = socks5 ? candidates.withheld(from) : undefined;
    const { transfer, signal } = transfers.start({
      accountId: deps.accountId,
      peer: bare(from),
      direction: 'in',
      method: reachable.some((each) => each.type !== 'proxy') ? 'direct' : reachable.length > 0 ? 'proxy' : 'in-band',
      name,
      size: file.size,
      ...(withheld ? { directWithheld: withheld } : {}),
      ...(security ? { encrypted: true } : {}),
    });
    const live: Live = {
      session: newSession(request.sid, 'remote', [{ name: content.name, creator: content.creator, transport: socks ? NS_JINGLE_S5B : NS_JINGLE_IBB }]),
      peer: from,
      transfer,
      content: { name: content.name, creator: content.creator },
      file: { ...file, name },
      ibb: { sid: transport.sid, blockSize: agreedBlockSize(transport.blockSize, DEFAULT_BLOCK_SIZE) },
      stop: new AbortController(),
      ...(socks ? { theirs: socks.candidates, socksSid: socks.sid } : {}),
    };
    register(live, signal);
    if (!security) {
      deps.onOffer?.(transfer);
      return;
    }
    // XEP-0391 §7: an encrypted offer we cannot decrypt ends; it never falls back to the clear.
    live.opening = (deps.security ? deps.security.open(bare(from), security) : Promise.reject(new CausetteError('transfer-failed', 'The file is encrypted in a way this account cannot read.', undefined, { context: 'undecryptable', jid: bare(from), why: 'method' }))).then(
      (secret) => {
        live.secret = secret;
        deps.onOffer?.(transfer);
      },
      (error: unknown) => {
        logger.info('an encrypted Jingle offer could not be opened', { error: String(error) });
        later(() => terminate(live, 'security-error', undefined, { state: 'failed', error: toAppError(error) }), logger);
        throw error;
      },
    );
    live.opening.catch(() => undefined);
  }

  /** The receiver's last step: size and hash checked, the file under its final name, the session ended (§2). */
  async function complete(live: Live): Promise<void> {
    const sink = live.sink;
    if (!sink) return;
    if (live.opener) {
      try {
        await sink.write(live.opener.final());
      } catch {
        // XEP-0391: bytes that do not authenticate are not the file, and are not kept.
        await terminate(live, 'security-error', undefined, { state: 'failed', error: { code: 'transfer-failed', message: 'The encrypted file was altered on its way: it was not saved.', params: { context: 'tampered' } } });
        return;
      }
    }
    let sha256 = sha256Of(live.file.hashes) ?? live.checksumValue;
    if (sha256 === undefined && live.file.hashesUsed.includes('sha-256')) {
      sha256 = await new Promise<string | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), CHECKSUM_WAIT_MS);
        live.checksum = (value) => {
          clearTimeout(timer);
          resolve(value);
        };
      });
    }
    const result = await sink.finish(sha256);
    if (result.ok) {
      saved.set(live.transfer.id, result.path);
      logger.info('a file was received', { sid: live.session.sid, verified: sha256 !== undefined });
      transfers.progress(live.transfer.id, live.file.size);
      await terminate(live, 'success', undefined, { state: 'done' });
      return;
    }
    // XEP-0234: bytes that do not match the offer are not the file; they stay aside, under the temporary name.
    await terminate(live, 'media-error', undefined, {
      state: 'failed',
      error: { code: 'transfer-failed', message: 'The file that arrived does not match the offer; it was kept aside.', params: { context: result.problem === 'hash-mismatch' ? 'hashMismatch' : 'sizeMismatch', kept: result.kept } },
    });
  }

  async function accept(transferId: string, folder?: string): Promise<void> {
    const live = byTransfer.get(transferId);
    if (!live || live.session.role !== 'responder' || live.session.state !== 'pending') throw new CausetteError('not-found', 'That offer is no longer open.', undefined, { context: 'transfer' });
    await live.opening;
    if (live.session.state !== 'pending') throw new CausetteError('not-found', 'That offer is no longer open.', undefined, { context: 'transfer' });
    live.sink = await openFileSink(folder ?? deps.downloadsDir(), live.file.name, live.file.size);
    // SOCKS5 off: no candidate either way (candidate-error, XEP-0260 §2.3), and the initiator falls back to IBB (§3).
    const socks5 = deps.socks5?.() !== false;
    let tried: readonly Candidate[] = [];
    if (live.socksSid !== undefined) {
      const s5b = negotiation(live, live.socksSid, socks5 ? await candidates.gather(ownJid(), live.peer) : []);
      live.s5b = s5b;
      tried = socks5 ? candidates.reachable(live.peer, live.theirs ?? [], s5b.ours) : [];
      // The user may have allowed the peer (or changed the setting) since the offer came.
      const both = [...tried, ...s5b.ours];
      transfers.update(live.transfer.id, { method: both.some((each) => each.type !== 'proxy') ? 'direct' : both.length > 0 ? 'proxy' : 'in-band', directWithheld: socks5 ? candidates.withheld(live.peer) : undefined });
    } else expectIbb(live);
    if (!apply(live, { by: 'local', action: 'session-accept' })) return;
    await connection.iq(buildJingle({ to: live.peer, action: 'session-accept', sid: live.session.sid, responder: ownJid(), contents: [contentOf(live)] }));
    // XEP-0260 §2.3: the responder tries the initiator's candidates once its accept is in.
    const s5b = live.s5b;
    if (s5b) {
      void s5b.result.then((stream) => bytestream(live, stream));
      later(() => s5b.check(tried), logger);
    }
  }

  async function written(live: Live, bytes: Uint8Array): Promise<void> {
    await live.sink?.write(live.opener ? live.opener.update(bytes) : bytes);
    transfers.progress(live.transfer.id, live.sink?.written() ?? 0);
  }

  /** XEP-0261: the receiver lets the sender's in-band stream in. */
  function expectIbb(live: Live): void {
    live.forgetStream?.();
    unseal(live);
    live.forgetStream = ibb.expect(live.ibb.sid, {
      from: live.peer,
      blockSize: live.ibb.blockSize,
      onData: (bytes) => written(live, bytes),
      onClose: () => void complete(live).catch((error: unknown) => void terminate(live, 'failed-application').then(() => logger.warn('a received file could not be kept', { error: String(error) }))),
      onError: () => void terminate(live, 'failed-transport'),
    });
  }

  async function decline(transferId: string): Promise<void> {
    const live = byTransfer.get(transferId);
    if (!live) throw new CausetteError('not-found', 'That offer is no longer open.', undefined, { context: 'transfer' });
    await terminate(live, 'decline');
  }

  function handle(stanza: Element, payload: Element): undefined {
    const from = stanza.attrs.from ?? '';
    const request = parseJingle(payload);
    if (request === 'bad-request') throw jingleReplyError('out-of-order');
    const live = sessions.get(keyOf(from, request.sid));
    if (request.action === 'session-initiate') {
      // §7.2.16: both sides used the same sid at once; the lower full JID goes on.
      if (live) throw jingleReplyError('tie-break');
      received(from, request);
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
    if (request.action === 'session-accept' && !live.s5b) {
      const offered = parseIbbTransport(request.contents[0]?.transport);
      // XEP-0261 §2: the responder may lower the block size, never raise it.
      if (offered) live.ibb = { sid: live.ibb.sid, blockSize: agreedBlockSize(offered.blockSize, live.ibb.blockSize) };
    }
    if (!apply(live, event)) throw jingleReplyError('out-of-order');
    const s5b = live.s5b;
    if (request.action === 'session-accept' && s5b) later(() => s5b.check(candidates.reachable(live.peer, socks?.candidates ?? [])), logger);
    else if (request.action === 'session-accept') later(() => stream(live), logger);
    const info = request.action === 'transport-info' ? parseS5bInfo(request.contents[0]?.transport) : undefined;
    if (info && s5b && (info.sid === undefined || info.sid === s5b.sid)) s5b.info(info.info);
    if (request.action === 'transport-replace') later(() => replaced(live, parseIbbTransport(request.contents[0]?.transport)), logger);
    if (request.action === 'transport-accept' && live.transfer.direction === 'out') {
      const offered = parseIbbTransport(request.contents[0]?.transport);
      if (offered) live.ibb = { sid: live.ibb.sid, blockSize: agreedBlockSize(offered.blockSize, live.ibb.blockSize) };
      later(() => stream(live), logger);
    }
    if (request.action === 'transport-reject') later(() => terminate(live, 'failed-transport'), logger);
    if (request.action === 'session-info' && request.info) {
      const checksum = parseChecksum(request.info);
      const sha256 = checksum && sha256Of(checksum.hashes);
      if (sha256 !== undefined) {
        live.checksumValue = sha256;
        live.checksum?.(sha256);
      }
    }
    // §7.2.5: a session without contents is void.
    if (live.session.contents.length === 0) later(() => terminate(live, 'success'), logger);
    return undefined;
  }

  const removeHandler = deps.router.handle('set', 'jingle', NS_JINGLE, handle);

  return {
    offer,
    accept,
    decline,
    savedPath: (transferId: string): string | undefined => saved.get(transferId),
    dispose(): void {
      removeHandler();
      ibb.dispose();
      candidates.dispose();
      for (const live of [...sessions.values()]) void terminate(live, 'gone');
    },
  };
}

export type JingleFileTransfer = ReturnType<typeof setupJingleFileTransfer>;
