// The OMEMO 2 profile (XEP-0384 v0.8 §4.3–4.4): an SCE envelope (XEP-0420) is encrypted, with AES-256-CBC + HMAC-SHA-256.
import type { OmemoProfile } from '../omemo-profile.ts';
import { NODE_BUNDLES, NODE_DEVICES, NS_DEVICES_NOTIFY, NS_OMEMO2 } from './namespaces.ts';
import { decryptPayload, encryptPayload } from './payload.ts';
import { buildEnvelope, envelopeBody, parseEnvelope } from './sce-envelope.ts';

export const omemo2Profile: OmemoProfile = {
  version: 'omemo2',
  namespace: NS_OMEMO2,
  deviceListNode: NODE_DEVICES,
  deviceListNotify: NS_DEVICES_NOTIFY,
  bundleNode: () => NODE_BUNDLES,
  bundleItemId: (deviceId) => String(deviceId),
  seal: (body, from, to, time) => encryptPayload(buildEnvelope({ content: [envelopeBody(body)], from, to, time })),
  open: ({ keyMaterial, ciphertext }, sender) => {
    const { content, to } = parseEnvelope(decryptPayload(keyMaterial, ciphertext), sender);
    const body = content.find((element) => element.is('body', 'jabber:client'));
    return { body: body?.text(), extra: content.filter((element) => element !== body), ...(to === undefined ? {} : { to }) };
  },
};
