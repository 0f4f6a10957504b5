// The socket xmpp.js writes to: tries each endpoint in turn, secures it (Direct TLS now, STARTTLS on request).
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { XmppSocket } from '@xmpp/connection-tcp';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import { toCausetteError } from '../errors.ts';
import type { Endpoint } from './resolve.ts';
import { handshake } from './tls-connect.ts';
import { PinnedCertificateLearned, type Trust } from './trust.ts';

export interface SocketPlan {
  readonly domain: string;
  readonly endpoints: () => Promise<readonly Endpoint[]>;
  readonly trust: Trust;
  /** Per endpoint, for the TCP connection and the TLS handshake each. */
  readonly endpointTimeoutMs: number;
  readonly logger: Logger;
}

// A certificate problem is the same on every endpoint of a domain: it is reported, not worked around.
const stopsTheSearch = (error: unknown) =>
  error instanceof PinnedCertificateLearned || (error instanceof CausetteError && error.code === 'untrusted-certificate');

const aborted = () => Object.assign(new Error('connection closed'), { code: 'ECONNRESET' });

export class SecureSocket extends EventEmitter implements XmppSocket {
  readonly #plan: SocketPlan;
  #socket: Socket | undefined;
  #detach: (() => void) | undefined;
  #endpoint: Endpoint | undefined;
  #secure = false;
  #finished = false;

  constructor(plan: SocketPlan) {
    super();
    this.#plan = plan;
  }

  get secure(): boolean {
    return this.#secure;
  }

  /** The TLS socket once the connection is secured, for channel binding (RFC 5056). */
  get tls(): TLSSocket | undefined {
    return this.#secure ? (this.#socket as TLSSocket | undefined) : undefined;
  }

  connect(): void {
    this.#open()
      .then(() => this.emit('connect'))
      .catch((error: unknown) => this.#fail(error));
  }

  /** STARTTLS (RFC 6120 §5.4.3.3): the TLS handshake starts on this very TCP connection after <proceed/>. */
  async upgrade(): Promise<void> {
    const plain = this.#socket;
    const endpoint = this.#endpoint;
    if (!plain || !endpoint || this.#secure) throw new CausetteError('tls-failure', 'There is no plain connection to secure.');
    // On failure the plain socket stays here, detached, for the caller's destroy().
    this.#detach?.();
    this.#attach(await this.#secured(plain, endpoint), endpoint);
    this.#secure = true;
  }

  write(data: string, callback: (error?: Error | null) => void): void {
    if (this.#socket && !this.#finished) this.#socket.write(data, callback);
    else callback(new CausetteError('stream-error', `The connection to ${this.#plan.domain} is closed.`, undefined, { context: 'closed', domain: this.#plan.domain }));
  }

  end(): void {
    if (this.#socket) this.#socket.end();
    else this.#finish();
  }

  /** Closes at once, in whatever stage the connection is; 'close' follows. */
  destroy(): void {
    this.#socket?.destroy();
    this.#finish();
  }

  async #open(): Promise<void> {
    const { logger } = this.#plan;
    let failure: unknown = new CausetteError('host-not-found', `Could not find the server for ${this.#plan.domain} (DNS)`, undefined, {
      context: 'dns',
      domain: this.#plan.domain,
    });
    for (const endpoint of await this.#plan.endpoints()) {
      if (this.#finished) throw aborted();
      logger.debug('connecting', { host: endpoint.host, port: endpoint.port, directTls: endpoint.directTls });
      try {
        const tcp = await this.#tcp(endpoint);
        this.#attach(endpoint.directTls ? await this.#secured(tcp, endpoint) : tcp, endpoint);
        this.#secure = endpoint.directTls;
        return;
      } catch (error) {
        failure = error;
        logger.info('endpoint failed', { host: endpoint.host, port: endpoint.port, error: String(error) });
        if (stopsTheSearch(error)) break;
      }
    }
    throw failure;
  }

  #tcp(endpoint: Endpoint): Promise<Socket> {
    const { domain, endpointTimeoutMs } = this.#plan;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: endpoint.host, port: endpoint.port });
      this.#socket = socket;
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })), endpointTimeoutMs);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        socket.off('connect', onConnect).off('error', settle).off('close', onClose);
        if (error) reject(toCausetteError(error, domain, endpoint));
        else resolve(socket);
      };
      const onConnect = () => settle();
      const onClose = () => settle(aborted());
      socket.once('connect', onConnect).once('error', settle).once('close', onClose);
    });
  }

  async #secured(tcp: Socket, endpoint: Endpoint): Promise<Socket> {
    const { domain, trust, endpointTimeoutMs } = this.#plan;
    const timer = setTimeout(() => tcp.destroy(), endpointTimeoutMs);
    try {
      return await handshake({ socket: tcp, endpoint, domain, trust });
    } finally {
      clearTimeout(timer);
    }
  }

  #attach(socket: Socket, endpoint: Endpoint): void {
    if (this.#finished) {
      socket.destroy();
      throw aborted();
    }
    this.#socket = socket;
    this.#endpoint = endpoint;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    const onData = (data: Buffer) => this.emit('data', data);
    const onError = (error: Error) => this.emit('error', toCausetteError(error, this.#plan.domain, endpoint));
    const onClose = () => this.#finish();
    socket.on('data', onData).on('error', onError).on('close', onClose);
    this.#detach = () => socket.off('data', onData).off('error', onError).off('close', onClose);
  }

  #fail(error: unknown): void {
    this.#socket?.destroy();
    if (this.#finished) return;
    this.emit('error', error instanceof PinnedCertificateLearned ? error : toCausetteError(error, this.#plan.domain, this.#endpoint));
    this.#finish();
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#detach?.();
    this.#socket?.destroy();
    this.#socket = undefined;
    this.emit('close');
  }
}
