// The composition root of a signed-in session; the order of installation is the order of negotiation (XEP-0170).
import { jid } from '@xmpp/client-core';
import setupStreamManagement from '@xmpp/stream-management';
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { Logger } from '../log/logger.ts';
import { toCausetteError, toIqError } from './errors.ts';
import { setupIqCaller } from './iq/iq-caller.ts';
import type { ServerAddress, SrvLookup } from './net/resolve.ts';
import type { Trust } from './net/trust.ts';
import { tlsChannel } from './sasl/channel-binding.ts';
import type { SaslMemory } from './sasl/downgrade.ts';
import { setupSasl } from './sasl/sasl.ts';
import { requestAcks } from './stream/ack-requests.ts';
import { attempt } from './stream/attempt.ts';
import { setupBind } from './stream/bind.ts';
import type { StanzaPipeline } from './pipeline/stanza-pipeline.ts';
import { countHandled } from './stream/handled-count.ts';
import { honourFailedH } from './stream/resume-failed.ts';
import { NS_STREAM } from './stream/starttls.ts';
import { createStream } from './stream/stream.ts';

export interface ClientOptions {
  readonly account: string;
  /** The account's localpart; its domain is the address's. */
  readonly username: string;
  readonly password: string;
  readonly resource: string;
  readonly address: ServerAddress;
  readonly trust: Trust;
  readonly stepTimeoutMs: number;
  readonly logger: Logger;
  readonly lookup?: SrvLookup;
  /** Where incoming messages, presences and iq requests go (answers to iq() are taken before it). */
  readonly pipeline: StanzaPipeline;
  /** What the last sign-in used, so that a weaker offer is refused (see sasl/downgrade.ts). */
  readonly saslMemory: () => SaslMemory | undefined;
  readonly onAuthenticated: (memory: SaslMemory) => void;
  /**
   * A fresh session's resource is bound, with the server's last features; XEP-0198 is enabled after this returns, so a
   * request sent here is answered before the server starts keeping our stanzas for resumption (the roster get).
   */
  readonly onBound?: (features: Element | undefined) => void;
}

export interface Session {
  /** The full JID the server bound. */
  readonly jid: string;
  readonly resumed: boolean;
  /** The last <stream:features/> before the session: what the server offers (roster versioning, pre-approval…). */
  readonly features: Element | undefined;
}

export interface XmppClient {
  /** One attempt to open a session, resuming the previous one when the server allows. */
  open(timeoutMs: number): Promise<Session>;
  /** After a session opened, the connection ended without close() being called. */
  onDrop(listener: (error: CausetteError) => void): void;
  /** XEP-0198 §4: the server acknowledged this stanza of ours. */
  onAck(listener: (stanza: Element) => void): void;
  /** Whether stanzas sent now will be acknowledged (XEP-0198 enabled on this stream). */
  acknowledging(): boolean;
  send(stanza: Element): Promise<void>;
  iq(request: Element, timeoutMs: number): Promise<Element>;
  /** Settles every request still waiting for an answer with this error. */
  abandonRequests(error: Error): void;
  close(): Promise<void>;
}

export function createClient(options: ClientOptions): XmppClient {
  const { domain } = options.address;
  const bare = `${options.username}@${domain}`;
  const stream = createStream(options);
  const { entity, middleware, streamFeatures } = stream;
  // RFC 6120 §4.7.1: the stream header carries 'from' once TLS protects it.
  entity.jid = jid(bare);

  setupSasl({
    streamFeatures,
    credentials: { username: options.username, password: options.password },
    jid: bare,
    domain,
    logger: options.logger,
    channel: () => {
      const tls = stream.tls();
      return tls ? tlsChannel(tls) : undefined;
    },
    memory: options.saslMemory,
    onAuthenticated: options.onAuthenticated,
  });
  // XEP-0198 is installed before the iq caller so that the answers to our own requests are counted too.
  const streamManagement = setupStreamManagement({ streamFeatures, entity, middleware });
  // Before xmpp.js reads a <failed/> to our <resume/> (it listens only once it has sent one).
  honourFailedH(entity, streamManagement);
  countHandled({ sm: streamManagement, entity, middleware, logger: options.logger });
  const acks = requestAcks({ sm: streamManagement, entity, middleware });
  const iqCaller = setupIqCaller({ middleware, entity, domain, logger: options.logger });
  setupBind({ streamFeatures, iqCaller, resource: options.resource, domain, onBound: () => options.onBound?.(features) });
  middleware.use(({ stanza }) => {
    const { name } = stanza;
    if (name !== 'message' && name !== 'presence' && name !== 'iq') return undefined;
    // Answers to our requests were taken by the iq caller; a late or unknown one is dropped (RFC 6120 §8.2.3).
    if (name === 'iq' && (stanza.attrs.type === 'result' || stanza.attrs.type === 'error')) return undefined;
    return options.pipeline.receive(stanza);
  });

  let online = false;
  let resumed = false;
  let features: Element | undefined;
  entity.on('element', (element: Element) => void (element.is('features', NS_STREAM) && (features = element)));
  let ready: ((session: Session) => void) | undefined;
  const dropListeners = new Set<(error: CausetteError) => void>();

  streamManagement.on('resumed', () => void (resumed = true));
  stream.onFeaturesHandled(() => {
    if (entity.status !== 'online' || !ready || !entity.jid) return;
    online = true;
    ready({ jid: entity.jid.toString(), resumed, features });
    ready = undefined;
  });
  entity.on('disconnect', () => {
    if (!online) return;
    online = false;
    const error = stream.lastError === undefined ? new CausetteError('stream-error', `The connection to ${domain} was lost.`, undefined, { context: 'lost', domain }) : toCausetteError(stream.lastError, domain);
    for (const listener of dropListeners) listener(error);
  });

  return {
    async open(timeoutMs) {
      resumed = false;
      features = undefined;
      const session = new Promise<Session>((resolve) => (ready = resolve));
      try {
        return await attempt(stream, session, timeoutMs, domain);
      } finally {
        ready = undefined;
      }
    },
    onDrop: (listener) => void dropListeners.add(listener),
    onAck: (listener) => void streamManagement.on('ack', listener),
    acknowledging: () => streamManagement.enabled,
    send: (stanza) => acks.room().then(() => entity.send(stanza)),
    iq: (request, timeoutMs) =>
      acks
        .room()
        .then(() => iqCaller.request(request, timeoutMs))
        .catch((error: unknown) => Promise.reject(toIqError(error, domain))),
    abandonRequests: (error) => iqCaller.abandon(error),
    close() {
      online = false;
      return stream.close();
    },
  };
}
