// A message that shares a file: its whole body an aesgcm:// URL (XEP-0454), or an http(s) URL the stanza also gave out of
// band (XEP-0066); the name shown is the URL's last part. Read here only to show it: the core fetches and checks it.

export interface SharedFile {
  readonly url: string;
  /** The URL's last segment, percent-decoded, without control characters (shown as text, never as a path). */
  readonly name: string;
  /** aesgcm://: the key travels in the URL, the file is decrypted on download. */
  readonly encrypted: boolean;
}

const AESGCM = /^aesgcm:\/\/[^\s#]+#(?:[0-9a-f]{88}|[0-9a-f]{96})$/iu;
const HTTP = /^https?:\/\/\S+$/iu;
// Control characters and the bidi overrides that could disguise an extension.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

function nameOf(address: string): string {
  let path: string;
  try {
    path = new URL(address).pathname;
  } catch {
    return '';
  }
  const last = path.split('/').filter((part) => part !== '').pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // Shown as it came.
  }
  return decoded.replace(UNSAFE, '').split(/[/\\]/u).pop() ?? '';
}

export function sharedFileOf(message: { readonly body: string; readonly oob?: boolean | undefined }): SharedFile | undefined {
  const body = message.body.trim();
  if (AESGCM.test(body)) return { url: body, name: nameOf(`https:${body.slice('aesgcm:'.length)}`), encrypted: true };
  if (message.oob === true && HTTP.test(body)) return { url: body, name: nameOf(body), encrypted: false };
  return undefined;
}
