// The OMEMO 0.3 profile (XEP-0384 v0.3.0 §4): the message text itself is encrypted, with AES-128-GCM.
import { decryptPayload, encryptPayload } from './axolotl-payload.ts';
import { CURRENT_ITEM, NODE_DEVICE_LIST, NS_AXOLOTL, NS_DEVICE_LIST_NOTIFY, bundleNode } from './axolotl-pubsub.ts';
import type { OmemoProfile } from './omemo-profile.ts';

export const axolotlProfile: OmemoProfile = {
  version: 'axolotl',
  namespace: NS_AXOLOTL,
  deviceListNode: NODE_DEVICE_LIST,
  deviceListNotify: NS_DEVICE_LIST_NOTIFY,
  bundleNode,
  bundleItemId: () => CURRENT_ITEM,
  seal: (body) => {
    const { iv, ciphertext, keyAndTag } = encryptPayload(Buffer.from(body, 'utf8'));
    return { keyMaterial: keyAndTag, ciphertext, iv };
  },
  open: ({ keyMaterial, ciphertext, iv }) => {
    if (!iv) throw new Error('An OMEMO 0.3 message has an IV.');
    return { body: Buffer.from(decryptPayload(keyMaterial, iv, ciphertext)).toString('utf8'), extra: [] };
  },
};
