// The name a peer offers for a file, made safe to save under: no directories, no "..", no control or bidi characters,
// no characters or device names Windows refuses, not hidden, and at most 200 bytes of UTF-8.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069<>:"|?*]/gu;
const SEPARATORS = /[/\\]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_BYTES = 200;

function truncate(name: string): string {
  if (Buffer.byteLength(name) <= MAX_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = name.slice(0, name.length - extension.length);
  while (Buffer.byteLength(stem + extension) > MAX_BYTES) stem = [...stem].slice(0, -1).join('');
  return stem + extension;
}

export function sanitiseOfferedName(offered: string): string {
  // The last path part only: a name is never a way into another directory.
  const last = offered.split(SEPARATORS).filter((part) => part !== '').pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const safe = cleaned === '' ? 'file' : RESERVED.test(cleaned) ? `_${cleaned}` : cleaned;
  return truncate(safe);
}
