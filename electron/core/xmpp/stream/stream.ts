// The XML stream every connection starts with: our socket under xmpp.js, wire logging, STARTTLS and the TLS guard.
import type { TLSSocket } from 'node:tls';
import { Client } from '@xmpp/client-core';
import ConnectionTCP from '@xmpp/connection-tcp';
import type { MiddlewareApi } from '@xmpp/middleware';
import setupStreamFeatures, { type StreamFeatures } from '@xmpp/stream-features';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import { resolveEndpoints, type ServerAddress, type SrvLookup } from '../net/resolve.ts';
import { SecureSocket, type SocketPlan } from '../net/socket.ts';
import type { Trust } from '../net/trust.ts';
import { setupMiddleware } from './middleware.ts';
import { NS_STREAM, setupStartTls } from './starttls.ts';
import { logWire } from './wire-log.ts';

export interface StreamConfig {
  /** Account id, for the logs. */
  readonly account: string;
  readonly address: ServerAddress;
  readonly trust: Trust;
  /** Bounds each network step: a TCP connection, a TLS handshake, the server's stream header. */
  readonly stepTimeoutMs: number;
  readonly logger: Logger;
  readonly lookup?: SrvLookup;
}

export interface XmppStream {
  readonly entity: Client;
  readonly middleware: MiddlewareApi;
  readonly streamFeatures: StreamFeatures;
  /** The last error the stream reported, to explain why it ended. */
  readonly lastError: unknown;
  /** The TLS socket under the stream, once secured. */
  tls(): TLSSocket | undefined;
  /** Called each time the handlers have finished with a <stream:features/>. */
  onFeaturesHandled(listener: () => void): void;
  /** Connects (trying each endpoint) and opens the stream. */
  open(): Promise<void>;
  /** Drops the connection at once, whatever its stage. */
  abort(): void;
  /** RFC 6120 §4.4: closes our stream and waits (bounded) for the server's, then drops whatever is left. */
  close(): Promise<void>;
}

const closeTimeoutMs = 2_000;

export function createStream(config: StreamConfig): XmppStream {
  const { domain } = config.address;
  const entity = new Client({ domain, lang: 'en', timeout: config.stepTimeoutMs });
  let socket: SecureSocket | undefined;
  let lastError: unknown;
  const plan: SocketPlan = {
    domain,
    endpoints: () => resolveEndpoints(config.address, config.lookup),
    trust: config.trust,
    endpointTimeoutMs: config.stepTimeoutMs,
    logger: config.logger,
  };

  class Transport extends ConnectionTCP {
    override socketParameters(): SocketPlan {
      return plan;
    }
  }
  // xmpp.js reads these from the transport's prototype.
  Transport.prototype.NS = 'jabber:client';
  const track = (created: SecureSocket) => void (socket = created);
  Transport.prototype.Socket = class extends SecureSocket {
    constructor() {
      super(plan);
      track(this);
    }
  };
  entity.transports.push(Transport);
  // Without a listener an 'error' event would throw; every error is also seen by whoever waits on the stream.
  let aborting = false;
  entity.on('error', (error: unknown) => {
    if (aborting) return;
    // RFC 6120 §4.9: the server's stream error explains the close; a socket reset that follows it must not hide it.
    if (isServerStreamError(lastError)) return;
    lastError = error;
    config.logger.debug('stream error', { error: String(error) });
  });

  // Installed before the middleware so that the log shows each element before what it caused.
  logWire(entity, config.logger, config.account);
  const middleware = setupMiddleware({ entity });
  const featuresHandled = new Set<() => void>();
  // Outermost, so it sees the end of the whole negotiation step, Stream Management's <enable/> included.
  middleware.use(async (context, next) => {
    if (!context.stanza.is('features', NS_STREAM)) return next();
    await next();
    for (const listener of featuresHandled) listener();
    return undefined;
  });
  const streamFeatures = setupStreamFeatures({ middleware });
  setupStartTls({ streamFeatures, middleware, socket: () => socket, domain });

  function abort(): void {
    socket?.destroy();
    // Settles xmpp.js's own pending waits (stream header, closing handshake) now rather than at their timeouts.
    aborting = true;
    entity.emit('error', new CausetteError('stream-error', `The connection to ${domain} was closed.`, undefined, { context: 'closed', domain }));
    aborting = false;
  }

  return {
    entity,
    middleware,
    streamFeatures,
    get lastError() {
      return lastError;
    },
    tls: () => socket?.tls,
    onFeaturesHandled: (listener) => void featuresHandled.add(listener),
    async open() {
      lastError = undefined;
      await entity.connect(`xmpp://${domain}`);
      await entity.open({ domain, lang: 'en' });
    },
    abort,
    async close() {
      if (entity.status === 'open' || entity.status === 'online') {
        // xmpp.js bounds each of its two waits (the server's </stream>, the socket's close) by entity.timeout.
        entity.timeout = closeTimeoutMs;
        await entity.disconnect().catch(() => undefined);
      }
      abort();
    },
  };
}

function isServerStreamError(error: unknown): boolean {
  return error instanceof Error && error.name === 'StreamError';
}
