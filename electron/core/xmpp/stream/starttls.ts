// STARTTLS, RFC 6120 §5: upgrade the plain stream, and refuse to go further on a stream that stays plain.
import type { MiddlewareApi } from '@xmpp/middleware';
import type { StreamFeatures } from '@xmpp/stream-features';
import xml from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { SecureSocket } from '../net/socket.ts';
import { exchange } from './nonza.ts';

export const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
export const NS_STREAM = 'http://etherx.jabber.org/streams';

export interface StartTlsDeps {
  readonly streamFeatures: StreamFeatures;
  readonly middleware: MiddlewareApi;
  readonly socket: () => SecureSocket | undefined;
  readonly domain: string;
}

export function setupStartTls({ streamFeatures, middleware, socket, domain }: StartTlsDeps): void {
  streamFeatures.use('starttls', NS_TLS, async ({ entity }, next) => {
    if (entity.isSecure()) return next();
    // RFC 6120 §5.4.2.2: <failure/> means the server will close the stream.
    await exchange(entity, xml('starttls', { xmlns: NS_TLS }), (element, done) => {
      if (element.is('proceed', NS_TLS)) done(undefined);
      else if (element.is('failure', NS_TLS)) throw new CausetteError('tls-failure', `The server ${domain} could not start TLS.`);
    });
    const current = socket();
    if (!current) throw new CausetteError('tls-failure', `The connection to ${domain} closed before TLS started.`);
    await current.upgrade();
    // RFC 6120 §5.4.3.3: after the handshake the client opens a new stream.
    await entity.restart();
  });

  // RFC 6120 §13.9.4: a password never travels over a plain stream, whatever the server offers.
  middleware.use((context, next) => {
    if (!context.stanza.is('features', NS_STREAM) || context.entity.isSecure()) return next();
    throw new CausetteError(
      'insecure-stream',
      `The server ${domain} does not offer encryption (STARTTLS); Causette will not sign in over a plain connection.`,
    );
  });
}
