// XEP-0234 Jingle File Transfer (v0.19, file-transfer:5): the <file/> of an offer (§5, §6.1), its ranged form for a resume
// (§5 <range/>, §6.4), and the session-info <checksum/> (§8.2) and <received/> (§8.1); hashes per XEP-0300 (hashes:2).
import xml, { type Element } from '@xmpp/xml';
import type { FileDescription, FileHash } from '../model/resumable-transfer.ts';
import type { Role } from './session-machine.ts';

export const NS_JINGLE_FT = 'urn:xmpp:jingle:apps:file-transfer:5';
export const NS_HASHES = 'urn:xmpp:hashes:2';
/** XEP-0300 §4: the hash functions we speak, announced as features. */
export const NS_HASH_SHA256 = 'urn:xmpp:hash-function-text-names:sha-256';

/** XEP-0300 §4: the IANA name (e.g. sha-256) and the base64 of the digest. */
export type Hash = FileHash;
/** §5: a file as an offer or a request describes it. */
export type FileOffer = FileDescription;

const integer = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return Number.isSafeInteger(value) ? value : undefined;
};

export function buildFile(file: Omit<FileOffer, 'hashesUsed'> & { hashesUsed?: readonly string[] }): Element {
  const text = (name: string, value: string | undefined) => (value === undefined ? undefined : xml(name, {}, value));
  const range = file.range && xml('range', { ...(file.range.offset === 0 ? {} : { offset: String(file.range.offset) }), ...(file.range.length === undefined ? {} : { length: String(file.range.length) }) });
  return xml(
    'file',
    { xmlns: NS_JINGLE_FT },
    text('media-type', file.mediaType),
    xml('name', {}, file.name),
    text('date', file.date),
    xml('size', {}, String(file.size)),
    // Optional (§5), but Libervia 0.9 cannot show an offer without one: an empty one says "no description".
    xml('desc', {}, file.desc ?? ''),
    range,
    ...file.hashes.map((hash) => xml('hash', { xmlns: NS_HASHES, algo: hash.algo }, hash.value)),
    ...(file.hashesUsed ?? []).map((algo) => xml('hash-used', { xmlns: NS_HASHES, algo })),
  );
}

/** §5: the <file/> of an offer; undefined without a name and a size (we receive only files we can check the size of), or with a malformed range. */
export function parseFile(file: Element): FileOffer | undefined {
  const name = file.getChildText('name')?.trim();
  const size = integer(file.getChildText('size') ?? undefined);
  if (!name || size === undefined) return undefined;
  const mediaType = file.getChildText('media-type')?.trim();
  const date = file.getChildText('date')?.trim();
  const desc = file.getChildText('desc') ?? undefined;
  const rangeElement = file.getChild('range');
  const offset = rangeElement ? (rangeElement.attrs.offset === undefined ? 0 : integer(rangeElement.attrs.offset)) : undefined;
  const length = rangeElement?.attrs.length === undefined ? undefined : integer(rangeElement.attrs.length);
  // §5: a <range/> whose offset or length is no byte count asks for bytes nobody can tell: not a file we can take.
  if (rangeElement && (offset === undefined || (rangeElement.attrs.length !== undefined && length === undefined))) return undefined;
  const hashes = file
    .getChildren('hash', NS_HASHES)
    .map((hash) => ({ algo: String(hash.attrs.algo ?? ''), value: hash.text().trim() }))
    .filter((hash) => hash.algo !== '' && hash.value !== '');
  const hashesUsed = file
    .getChildren('hash-used', NS_HASHES)
    .map((used) => String(used.attrs.algo ?? ''))
    .filter((algo) => algo !== '');
  return {
    name,
    size,
    ...(mediaType ? { mediaType } : {}),
    ...(date ? { date } : {}),
    ...(desc ? { desc } : {}),
    hashes,
    hashesUsed,
    ...(offset === undefined ? {} : { range: { offset, ...(length === undefined ? {} : { length }) } }),
  };
}

/** §5: the application's <description/> holding one file. */
export const buildDescription = (file: Element): Element => xml('description', { xmlns: NS_JINGLE_FT }, file);

/** §5: the <file/> of a <description/>, if the description is ours. */
export function parseDescription(description: Element | undefined): FileOffer | undefined {
  if (description?.attrs.xmlns !== NS_JINGLE_FT) return undefined;
  const file = description.getChild('file');
  return file ? parseFile(file) : undefined;
}

/** §8.2: the sender's hashes of the file, sent as session-info when they were not in the offer. */
export function buildChecksum(content: { creator: Role; name: string }, hashes: readonly Hash[]): Element {
  return xml('checksum', { xmlns: NS_JINGLE_FT, creator: content.creator, name: content.name }, xml('file', {}, ...hashes.map((hash) => xml('hash', { xmlns: NS_HASHES, algo: hash.algo }, hash.value))));
}

export function parseChecksum(info: Element): { readonly name: string; readonly hashes: readonly Hash[] } | undefined {
  if (info.name !== 'checksum' || info.attrs.xmlns !== NS_JINGLE_FT || typeof info.attrs.name !== 'string') return undefined;
  const hashes = (info.getChild('file')?.getChildren('hash', NS_HASHES) ?? [])
    .map((hash) => ({ algo: String(hash.attrs.algo ?? ''), value: hash.text().trim() }))
    .filter((hash) => hash.algo !== '' && hash.value !== '');
  return { name: info.attrs.name, hashes };
}

/** §8.1: the receiver has all the bytes and checked them. */
export const buildReceived = (content: { creator: Role; name: string }): Element => xml('received', { xmlns: NS_JINGLE_FT, creator: content.creator, name: content.name });

/** XEP-0300 §4 with sha-256: the one we check a file with. */
export const sha256Of = (hashes: readonly Hash[]): string | undefined => hashes.find((hash) => hash.algo === 'sha-256')?.value;
