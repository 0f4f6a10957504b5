// The browser mode's token never goes on a command line, where any user of the machine can read it (ps, /proc).
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { UsageError } from './cli-options.ts';

const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;
/** Group and other permission bits: a token file must have none. */
const sharedBits = 0o077;

/** Reads the token from a file only its owner can read. */
export function readTokenFile(path: string, platform: NodeJS.Platform = process.platform): string {
  let text: string;
  try {
    // POSIX modes mean nothing on Windows, where the profile's ACLs protect the file.
    if (platform !== 'win32' && (statSync(path).mode & sharedBits) !== 0) {
      throw new UsageError(`The token file ${path} can be read by other users: make it readable only by you (chmod 600).`);
    }
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read the token file ${path}.`);
  }
  if (!tokenPattern.test(text)) throw new UsageError(`The token in ${path} must be 16 to 128 letters, digits, “-” or “_”.`);
  return text;
}

/** A page that sends the browser on to the tokened address, readable only by us: the opener is given its path instead. */
export function writeLaunchPage(path: string, url: string): void {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html = `<!doctype html>\n<meta charset="utf-8">\n<meta name="referrer" content="no-referrer">\n<meta http-equiv="refresh" content="0;url=${escaped}">\n<title>Causette</title>\n<a href="${escaped}">Open Causette</a>\n`;
  // A fresh file, so that its mode is ours and no link planted there is followed.
  rmSync(path, { force: true });
  writeFileSync(path, html, { mode: 0o600, flag: 'wx' });
}
