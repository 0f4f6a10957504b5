// One account's connection: signs in, stays signed in (resuming or reconnecting with backoff), and says why when it stops.
import { randomBytes } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { ConnectionState, TlsMode } from '../../../shared/model/account.ts';
import { parseJid } from '../../../shared/model/jid.ts';
import type { Logger } from '../log/logger.ts';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.ts';
import { createClient, type XmppClient } from './client.ts';
import { isPermanent, toCausetteError } from './errors.ts';
import { createListeners } from './listeners.ts';
import { createTrust, PinnedCertificateLearned, type Pin } from './net/trust.ts';
import { createStanzaPipeline, type StanzaPipeline } from './pipeline/stanza-pipeline.ts';
import type { SaslMemory } from './sasl/downgrade.ts';
import { createWaitQueue } from './wait-queue.ts';

/** Where and how to reach an account's server, and whom to trust there: shared by signing in and registering. */
export interface ServerAccess {
  /** Bare JID. */
  readonly jid: string;
  readonly password: string;
  readonly host?: string;
  readonly port?: number;
  readonly tls: TlsMode;
  /** PEM authorities trusted besides the system's. */
  readonly extraCa: readonly string[];
  /** SHA-256 fingerprints the user trusts for this account, with the PEM when it is stored. */
  readonly pinned: readonly Pin[];
  readonly logger: Logger;
  /** Bounds one whole attempt, DNS to session; default 20 s. */
  readonly connectTimeoutMs?: number;
}

export interface ConnectionOptions extends ServerAccess {
  /** Account id, for logs. */
  readonly account: string;
  /** Default: 'causette.' and random hex. */
  readonly resource?: string;
  /** Retry pacing; tests shorten it. */
  readonly retry?: Partial<BackoffPolicy>;
  /**
   * The account has never signed in: a failure before its first session gives up instead of retrying, so that the
   * user can correct what was typed (a wrong port retried forever hides the mistake).
   */
  readonly firstSignIn?: boolean;
  /** What the account's last sign-in used (from the store): a weaker offer now is refused as a downgrade. */
  readonly saslMemory?: SaslMemory;
  /** Each successful authentication, with what to remember for the next one. */
  readonly onAuthenticated?: (memory: SaslMemory) => void;
}

export interface SessionInfo {
  readonly resumed: boolean;
  /** The server's last <stream:features/> of this session (RFC 6120 §4.3.2). */
  readonly features?: Element;
}

export interface Bound {
  /** The server's last <stream:features/>. */
  readonly features?: Element;
  iq(request: Element, timeoutMs?: number): Promise<Element>;
}

export interface Connection {
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** The path of every stanza: protocol modules register their handlers and steps here. */
  readonly pipeline: StanzaPipeline;
  /** Every incoming message, presence and iq request (answers to iq() are not repeated here); for tests and tools. */
  onStanza(listener: (stanza: Element) => void): () => void;
  /** XEP-0198: the server acknowledged this stanza of ours. A fresh (not resumed) session acknowledges nothing sent before it. */
  onAcked(listener: (stanza: Element) => void): () => void;
  /** Whether what is sent now will be acknowledged (XEP-0198 enabled); when not, a written stanza is as good as sent. */
  readonly acknowledging: boolean;
  /** After every session start; when `resumed` is false, presence and state must be sent again. */
  onSessionStart(listener: (info: SessionInfo) => void): () => void;
  /**
   * A fresh session's resource was just bound, before XEP-0198 is enabled and before onSessionStart: a request sent with
   * `iq` here reaches the server first, and its answer is not one the server keeps for resumption (a large roster).
   */
  onBound(listener: (bound: Bound) => void): () => void;
  /** Connects; retries by itself on transient failures. */
  start(): void;
  /** Closes gracefully; the state becomes offline without a reason. */
  stop(): Promise<void>;
  /** Sends now, or as soon as the connection is back, after the pipeline's outgoing steps. */
  send(stanza: Element): Promise<void>;
  iq(request: Element, timeoutMs?: number): Promise<Element>;
  /** The certificate last refused, so that the user can pin exactly that one. */
  readonly lastRefusedCertificate?: { readonly fingerprint256: string; readonly pem: string };
}

const maxWaiting = 1_000;
const maxSendTries = 3;

export function createConnection(options: ConnectionOptions): Connection {
  const parsed = parseJid(options.jid);
  if (!parsed.ok || parsed.jid.local === undefined) throw new CausetteError('bad-request', `“${options.jid}” is not an account address.`, undefined, { context: 'accountAddress', jid: options.jid });
  const { local, domain } = parsed.jid;
  const { logger } = options;
  const connectTimeoutMs = options.connectTimeoutMs ?? 20_000;
  const backoff: BackoffPolicy = { ...defaultBackoff, ...options.retry };
  const resource = options.resource ?? `causette.${randomBytes(4).toString('hex')}`;
  const trust = createTrust({ domain, extraCa: options.extraCa, pinned: options.pinned, logger });
  const stateListeners = createListeners<ConnectionState>('state', logger);
  const pipeline = createStanzaPipeline(logger);
  const sessionListeners = createListeners<SessionInfo>('session', logger);
  const ackListeners = createListeners<Element>('ack', logger);
  const boundListeners = createListeners<Bound>('bound', logger);
  const waiting = createWaitQueue(maxWaiting);

  let state: ConnectionState = { status: 'offline' };
  let client: XmppClient | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let signedIn = options.firstSignIn !== true;
  let outgoingTail: Promise<unknown> = Promise.resolve();
  let saslMemory = options.saslMemory;

  function setState(next: ConnectionState): void {
    state = next;
    logger.info('connection state', { status: next.status, ...(next.status === 'offline' || next.status === 'reconnecting' ? { reason: next.reason?.message } : {}) });
    stateListeners.emit(next);
  }

  /** A fresh session of `current` is bound: its listeners may ask before XEP-0198 is enabled. */
  function bound(current: XmppClient, features: Element | undefined): void {
    if (client !== current) return;
    logger.debug('resource bound');
    // A fresh session will never answer what the old one was asked.
    current.abandonRequests(new CausetteError('stream-error', 'The session ended before the server answered.'));
    boundListeners.emit({ ...(features === undefined ? {} : { features }), iq: (request, timeoutMs = 30_000) => current.iq(request, timeoutMs) });
  }

  function newClient(): XmppClient {
    const created = createClient({
      account: options.account,
      username: local,
      password: options.password,
      resource,
      address: { domain, tls: options.tls, ...(options.host === undefined ? {} : { host: options.host }), ...(options.port === undefined ? {} : { port: options.port }) },
      trust,
      stepTimeoutMs: Math.min(connectTimeoutMs, 10_000),
      logger,
      pipeline,
      saslMemory: () => saslMemory,
      onBound: (features) => bound(created, features),
      onAuthenticated: (memory) => {
        saslMemory = memory;
        // Failing to store it must not fail a sign-in that succeeded; this run still checks against it.
        try {
          options.onAuthenticated?.(memory);
        } catch (error) {
          logger.warn('could not remember the sign-in mechanism', { error: String(error) });
        }
      },
    });
    created.onAck((stanza) => ackListeners.emit(stanza));
    created.onDrop((error) => {
      if (client !== created) return;
      logger.warn('connection lost', { code: error.code, message: error.message });
      retryOrGiveUp(error);
    });
    return created;
  }

  async function connectOnce(current: XmppClient, learnPins = true): Promise<void> {
    try {
      const session = await current.open(connectTimeoutMs);
      if (client !== current) return;
      failures = 0;
      signedIn = true;
      setState({ status: 'online', jid: session.jid, resumed: session.resumed });
      sessionListeners.emit({ resumed: session.resumed, ...(session.features === undefined ? {} : { features: session.features }) });
      waiting.release();
    } catch (error) {
      if (client !== current) return;
      // A pinned certificate seen for the first time is now an anchor: one immediate retry, no more.
      if (error instanceof PinnedCertificateLearned && learnPins) return connectOnce(current, false);
      retryOrGiveUp(toCausetteError(error, domain));
    }
  }

  function retryOrGiveUp(error: CausetteError): void {
    if (isPermanent(error) || !signedIn) {
      logger.warn('giving up', { code: error.code, message: error.message, firstSignIn: !signedIn });
      void halt(error);
      setState({ status: 'offline', reason: error.toJSON() });
      return;
    }
    failures += 1;
    const delay = backoffDelay(failures, Math.random, backoff);
    setState({ status: 'reconnecting', attempt: failures, nextAttemptAt: Date.now() + delay, reason: error.toJSON() });
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (client) void connectOnce(client);
    }, delay);
  }

  /** Ends the current client and everything waiting on it. */
  async function halt(error: CausetteError): Promise<void> {
    const current = client;
    client = undefined;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    waiting.reject(error);
    current?.abandonRequests(error);
    await current?.close();
  }

  async function online(timeoutMs: number | undefined): Promise<XmppClient> {
    if (!client) throw new CausetteError('stream-error', `Not connected to ${domain}.`, undefined, { context: 'notConnected', domain });
    if (state.status !== 'online') {
      await waiting.wait(timeoutMs, () => new CausetteError('timeout', `Could not reach ${domain} in time.`, undefined, { context: 'domain', domain }));
    }
    if (!client) throw new CausetteError('stream-error', `Not connected to ${domain}.`, undefined, { context: 'notConnected', domain });
    return client;
  }

  return {
    get state() {
      return state;
    },
    get lastRefusedCertificate() {
      return trust.lastRefused;
    },
    onState: (listener) => stateListeners.add(listener),
    pipeline,
    onStanza: (listener) => pipeline.handle({ stanza: '*' }, listener),
    onSessionStart: (listener) => sessionListeners.add(listener),
    onBound: (listener) => boundListeners.add(listener),
    onAcked: (listener) => ackListeners.add(listener),
    get acknowledging() {
      return state.status === 'online' && client !== undefined && client.acknowledging();
    },

    start() {
      if (client) return;
      client = newClient();
      failures = 0;
      setState({ status: 'connecting' });
      void connectOnce(client);
    },

    async stop() {
      await halt(new CausetteError('stream-error', `The connection to ${domain} was closed.`, undefined, { context: 'closed', domain }));
      if (state.status !== 'offline' || state.reason) setState({ status: 'offline' });
    },

    async send(original) {
      // Steps may take time (encryption): stanzas still leave in the order they were given.
      const prepared = outgoingTail.then(() => pipeline.prepareOutgoing(original));
      outgoingTail = prepared.catch(() => undefined);
      const stanza = await prepared;
      if (!stanza) return;
      for (let tries = 1; ; tries += 1) {
        const current = await online(undefined);
        try {
          return await current.send(stanza);
        } catch (error) {
          // A stanza written into a dying connection waits for the next session (bounded).
          if (tries >= maxSendTries) throw toCausetteError(error, domain);
        }
      }
    },

    async iq(request, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const current = await online(timeoutMs);
      return current.iq(request, Math.max(deadline - Date.now(), 1));
    },
  };
}
