// The TLS handshake over a connected TCP socket, used by both STARTTLS (RFC 6120 §5.4.3) and Direct TLS (XEP-0368).
import { isIP, type Socket } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Endpoint } from './resolve.ts';
import type { Trust } from './trust.ts';

export interface HandshakeOptions {
  readonly socket: Socket;
  readonly endpoint: Endpoint;
  /** The reference identity (RFC 6125 §6.2): always the JID's domain, never the SRV target. */
  readonly domain: string;
  readonly trust: Trust;
}

const bare = (domain: string) => (domain.startsWith('[') ? domain.slice(1, -1) : domain);

/**
 * Verification stays Node's own (chain, then hostname through the trust's checkServerIdentity). To show the user a
 * refused certificate, it is read in a 'secure' listener placed before Node's: once Node rejects the peer the
 * socket is destroyed and getPeerCertificate() returns nothing.
 */
export async function handshake(options: HandshakeOptions): Promise<TLSSocket> {
  const { socket, endpoint, domain, trust } = options;
  const secureContext = await trust.secureContext();
  return new Promise((resolve, reject) => {
    const host = bare(domain);
    const tlsSocket = connect({
      socket,
      ...(isIP(host) === 0 ? { servername: host } : { host }),
      secureContext,
      checkServerIdentity: (name, certificate) => trust.checkServerIdentity(name, certificate),
      minVersion: 'TLSv1.2',
      // XEP-0368 §3: Direct TLS announces the protocol with ALPN.
      ...(endpoint.directTls ? { ALPNProtocols: ['xmpp-client'] } : {}),
    });
    let presented: Buffer | undefined;
    // getPeerCertificate(), not getPeerX509Certificate(): in Node 24 the latter empties what Node's own hostname check reads.
    tlsSocket.prependListener('secure', () => {
      presented = tlsSocket.getPeerCertificate(true).raw;
    });
    const settle = (error?: Error) => {
      tlsSocket.off('secureConnect', onSecure).off('error', settle).off('close', onClose);
      if (!error) return resolve(tlsSocket);
      tlsSocket.destroy();
      reject(presented ? trust.refused(presented, error) : handshakeFailure(error, domain, endpoint));
    };
    const onSecure = () => settle();
    // A TCP socket destroyed under the handshake closes the TLS socket without an error.
    const onClose = () => settle(new Error('the connection closed during the handshake'));
    tlsSocket.once('secureConnect', onSecure).once('error', settle).once('close', onClose);
  });
}

function handshakeFailure(error: Error, domain: string, endpoint: Endpoint): CausetteError {
  // OpenSSL messages carry a code path; Node's 'reason' is the readable part ("sslv3 alert handshake failure").
  const reason = (error as { reason?: unknown }).reason;
  const why = typeof reason === 'string' ? reason : (error.message.split('\n')[0] ?? error.message);
  return new CausetteError('tls-failure', `The secure connection to ${domain} could not be set up on ${endpoint.host}:${endpoint.port} (${why}).`, undefined, {
    context: 'domain',
    domain,
    endpoint: `${endpoint.host}:${endpoint.port}`,
  });
}
