// OMEMO 0.3 bundle (XEP-0384 v0.3.0 §4.3): what another device needs to start a session with one of ours.
import xml, { type Element } from '@xmpp/xml';
import { NS_AXOLOTL, buildItemsRequest, buildPublish, bundleNode, decodeBase64, encodeBase64, itemPayload } from './axolotl-pubsub.ts';

export interface PublicPreKey {
  readonly id: number;
  /** Serialized as the Signal library does: 33 bytes, the 0x05 type byte first. */
  readonly publicKey: Uint8Array;
}

export interface Bundle {
  readonly signedPreKey: PublicPreKey;
  readonly signedPreKeySignature: Uint8Array;
  readonly identityKey: Uint8Array;
  readonly preKeys: readonly PublicPreKey[];
}

function keyId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  return id < 2 ** 32 ? id : undefined;
}

export function buildBundle(bundle: Bundle): Element {
  return xml(
    'bundle',
    { xmlns: NS_AXOLOTL },
    xml('signedPreKeyPublic', { signedPreKeyId: String(bundle.signedPreKey.id) }, encodeBase64(bundle.signedPreKey.publicKey)),
    xml('signedPreKeySignature', {}, encodeBase64(bundle.signedPreKeySignature)),
    xml('identityKey', {}, encodeBase64(bundle.identityKey)),
    xml('prekeys', {}, ...bundle.preKeys.map((key) => xml('preKeyPublic', { preKeyId: String(key.id) }, encodeBase64(key.publicKey)))),
  );
}

/** The bundle of `deviceId` in an items result or notification; undefined when it is missing or incomplete. */
export function parseBundle(stanza: Element, deviceId: number): Bundle | undefined {
  const bundle = itemPayload(stanza, bundleNode(deviceId), 'bundle');
  if (!bundle) return undefined;
  const signed = bundle.getChild('signedPreKeyPublic');
  const signedId = keyId(signed?.attrs.signedPreKeyId);
  const signedKey = decodeBase64(signed?.text());
  const signature = decodeBase64(bundle.getChildText('signedPreKeySignature'));
  const identityKey = decodeBase64(bundle.getChildText('identityKey'));
  if (signedId === undefined || !signedKey || !signature || !identityKey) return undefined;
  const preKeys = (bundle.getChild('prekeys')?.getChildren('preKeyPublic') ?? []).flatMap((element) => {
    const id = keyId(element.attrs.preKeyId);
    const publicKey = decodeBase64(element.text());
    return id === undefined || !publicKey ? [] : [{ id, publicKey }];
  });
  return { signedPreKey: { id: signedId, publicKey: signedKey }, signedPreKeySignature: signature, identityKey, preKeys };
}

export const buildBundlePublish = (deviceId: number, bundle: Bundle): Element => buildPublish(bundleNode(deviceId), buildBundle(bundle));

export const buildBundleRequest = (to: string | undefined, deviceId: number): Element => buildItemsRequest(to, bundleNode(deviceId));
