// What others may ask our client: disco#info for our caps node (XEP-0030 §3.1, XEP-0115 §6.2) and our version (XEP-0092).
import xml from '@xmpp/xml';
import { NS_CAPS, capsVer } from '../caps/caps-hash.ts';
import { IqReplyError, type IqRouter } from '../iq-router.ts';
import type { DiscoInfo } from '../../model/disco-info.ts';
import { buildDiscoInfo, NS_DISCO_INFO } from './disco-info.ts';

export const NS_VERSION = 'jabber:iq:version';
export const NS_PING = 'urn:xmpp:ping';
/** XEP-0115 §4: a URI that identifies the software. */
export const CAPS_NODE = 'https://causette.app';
export const CLIENT_NAME = 'Causette';

/** Our identity and features; the features of other modules join here as they are added. */
export function ownDiscoInfo(extraFeatures: readonly string[] = []): DiscoInfo {
  return {
    identities: [{ category: 'client', type: 'pc', name: CLIENT_NAME }],
    features: [...new Set([NS_CAPS, NS_DISCO_INFO, NS_PING, NS_VERSION, ...extraFeatures])],
    forms: [],
  };
}

export function setupResponders({ router, info, version }: { router: IqRouter; info: DiscoInfo; version: string }): () => void {
  const node = `${CAPS_NODE}#${capsVer(info) ?? ''}`;
  const removeDisco = router.handle('get', 'query', NS_DISCO_INFO, (_stanza, query) => {
    const asked = query.attrs.node;
    // XEP-0030 §3.2: a node we do not know is an item-not-found.
    if (asked !== undefined && asked !== node) throw new IqReplyError('cancel', 'item-not-found');
    return buildDiscoInfo(info, asked);
  });
  // XEP-0092 §2: name and version; the operating system is left out on purpose (privacy, §5).
  const removeVersion = router.handle('get', 'query', NS_VERSION, () =>
    xml('query', { xmlns: NS_VERSION }, xml('name', {}, CLIENT_NAME), xml('version', {}, version)),
  );
  // XEP-0199 §4.1: an empty result says we are here.
  const removePing = router.handle('get', 'ping', NS_PING, () => undefined);
  return () => {
    removeDisco();
    removeVersion();
    removePing();
  };
}
