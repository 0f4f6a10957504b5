// Resource binding, RFC 6120 §7, and the legacy session request (RFC 3921 §3) only when a server still requires it.
import type { StreamFeatures } from '@xmpp/stream-features';
import xml from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { StanzaError, toIqError } from '../errors.ts';
import { setPayload, type IqCaller } from '../iq/iq-caller.ts';

export const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
export const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session';

export interface BindDeps {
  readonly streamFeatures: StreamFeatures;
  readonly iqCaller: IqCaller;
  readonly resource: string;
  readonly domain: string;
  /** A fresh session's resource is bound: what is sent now goes out before XEP-0198's <enable/>. */
  readonly onBound?: () => void;
}

function bindFailure(error: unknown, domain: string): Error {
  const mapped = toIqError(error, domain);
  if (!(mapped instanceof StanzaError)) return mapped;
  // RFC 6120 §7.7.2.2: the resource is taken and the server will not replace the other session.
  if (mapped.condition === 'conflict') return new CausetteError('conflict', 'Another client is signed in with the same resource.', undefined, { context: 'resource' });
  return new CausetteError('stream-error', `The server ${domain} refused to bind a resource (${mapped.message}).`);
}

export function setupBind({ streamFeatures, iqCaller, resource, domain, onBound }: BindDeps): void {
  streamFeatures.use('bind', NS_BIND, async ({ entity, stanza }) => {
    try {
      const bound = await setPayload(iqCaller, xml('bind', { xmlns: NS_BIND }, xml('resource', {}, resource)));
      const address = bound?.getChildText('jid');
      if (!address) throw new CausetteError('stream-error', `The server ${domain} did not say which address it bound.`);
      entity._jid(address);
      const session = stanza.getChild('session', NS_SESSION);
      if (session && !session.getChild('optional')) await setPayload(iqCaller, xml('session', { xmlns: NS_SESSION }));
    } catch (error) {
      throw bindFailure(error, domain);
    }
    entity._ready(false);
    onBound?.();
  });
}
