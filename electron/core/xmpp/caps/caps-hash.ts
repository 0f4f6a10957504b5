// XEP-0115 §5: the verification string of a disco#info answer and its hash, to check a 'ver' before trusting it.
import { createHash } from 'node:crypto';
import type { DiscoInfo, Identity } from '../../model/disco-info.ts';

export const NS_CAPS = 'http://jabber.org/protocol/caps';

/** §5.1 footnote: the IANA hash names a 'hash' attribute may carry that Node computes. */
const hashAlgorithms: ReadonlyMap<string, string> = new Map([
  ['sha-1', 'sha1'],
  ['sha-224', 'sha224'],
  ['sha-256', 'sha256'],
  ['sha-384', 'sha384'],
  ['sha-512', 'sha512'],
]);

export function isSupportedHash(hash: string): boolean {
  return hashAlgorithms.has(hash);
}

// §5.1: "sorted" means by i;octet collation, i.e. by UTF-8 bytes.
const byOctets = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const identityText = (identity: Identity) => `${identity.category}/${identity.type}/${identity.lang ?? ''}/${identity.name ?? ''}`;

/** §5.4 step 3.3–3.5: duplicate identities, features or form types make the answer unusable for caps. */
export function hasDuplicates(info: DiscoInfo): boolean {
  const distinct = (values: readonly string[]) => new Set(values).size !== values.length;
  return distinct(info.identities.map(identityText)) || distinct(info.features) || distinct(info.forms.map((form) => form.formType));
}

/** §5.1 steps 1–8. */
export function verificationString(info: DiscoInfo): string {
  let text = '';
  for (const identity of info.identities.map(identityText).sort(byOctets)) text += `${identity}<`;
  for (const feature of [...info.features].sort(byOctets)) text += `${feature}<`;
  for (const form of [...info.forms].sort((a, b) => byOctets(a.formType, b.formType))) {
    text += `${form.formType}<`;
    for (const field of [...form.fields].sort((a, b) => byOctets(a.var, b.var))) {
      text += `${field.var}<`;
      for (const value of [...field.values].sort(byOctets)) text += `${value}<`;
    }
  }
  return text;
}

/** §5.1 steps 9–10: base64 of the hash; undefined for an unknown algorithm. */
export function capsVer(info: DiscoInfo, hash = 'sha-1'): string | undefined {
  const algorithm = hashAlgorithms.get(hash);
  return algorithm === undefined ? undefined : createHash(algorithm).update(verificationString(info), 'utf8').digest('base64');
}

/** §5.4 step 3: the answer matches the advertised 'ver' and is well-formed. */
export function verifyCaps(info: DiscoInfo, hash: string, ver: string): boolean {
  return !hasDuplicates(info) && capsVer(info, hash) === ver;
}
