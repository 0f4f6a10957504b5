// The OMEMO 2 bundle (XEP-0384 v0.8 §5.3.2): <bundle><spk id/><spks/><ik/><prekeys><pk id/></prekeys></bundle>, one item
// per device (item id = device id) in the bundles node; keys are raw (32 bytes), the identity key Ed25519.
import xml, { type Element } from '@xmpp/xml';
import { decodeBase64, encodeBase64 } from '../axolotl-pubsub.ts';
import { NODE_BUNDLES, NS_OMEMO2 } from './namespaces.ts';
import { buildItemRequest, buildPublish, itemPayload } from './pubsub.ts';
import type { PublicBundle } from './x3dh.ts';

function keyId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return id < 2 ** 32 ? id : undefined;
}

const key32 = (text: string | null | undefined): Uint8Array | undefined => {
  const bytes = decodeBase64(text);
  return bytes?.length === 32 ? bytes : undefined;
};

export const buildBundle = (bundle: PublicBundle): Element =>
  xml(
    'bundle',
    { xmlns: NS_OMEMO2 },
    xml('spk', { id: String(bundle.signedPreKey.id) }, encodeBase64(bundle.signedPreKey.publicKey)),
    xml('spks', {}, encodeBase64(bundle.signedPreKeySignature)),
    xml('ik', {}, encodeBase64(bundle.identityKey)),
    xml('prekeys', {}, ...bundle.preKeys.map((key) => xml('pk', { id: String(key.id) }, encodeBase64(key.publicKey)))),
  );

/** The bundle element itself; undefined when it is incomplete (prekeys that cannot be read are left out). */
export function readBundle(bundle: Element): PublicBundle | undefined {
  const spk = bundle.getChild('spk');
  const spkId = keyId(spk?.attrs.id);
  const spkKey = key32(spk?.text());
  const signature = decodeBase64(bundle.getChildText('spks'));
  const identityKey = key32(bundle.getChildText('ik'));
  if (spkId === undefined || !spkKey || signature?.length !== 64 || !identityKey) return undefined;
  const preKeys = (bundle.getChild('prekeys')?.getChildren('pk') ?? []).flatMap((element) => {
    const id = keyId(element.attrs.id);
    const publicKey = key32(element.text());
    return id === undefined || !publicKey ? [] : [{ id, publicKey }];
  });
  return { identityKey, signedPreKey: { id: spkId, publicKey: spkKey }, signedPreKeySignature: signature, preKeys };
}

/** The bundle of `deviceId` in an items result or notification. */
export function parseBundle(stanza: Element, deviceId: number): PublicBundle | undefined {
  const bundle = itemPayload(stanza, NODE_BUNDLES, 'bundle', String(deviceId));
  return bundle ? readBundle(bundle) : undefined;
}

export const buildBundlePublish = (deviceId: number, bundle: PublicBundle): Element => buildPublish(NODE_BUNDLES, String(deviceId), buildBundle(bundle), true);

export const buildBundleRequest = (to: string | undefined, deviceId: number): Element => buildItemRequest(to, NODE_BUNDLES, String(deviceId));
