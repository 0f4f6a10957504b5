// The name a received file is saved under: the offered name (or the URL's last part) made safe for any file system, and
// a numbered variant when the folder holds that name already (issue 13 §6): never a directory, a hidden file, a device.
import { link, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';

// Control characters (C0, DEL, C1), the bidi overrides that disguise an extension, and what Windows forbids in names.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069<>:"|?*]/gu;
// Windows' reserved device names, with or without an extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/iu;
const MAX_BYTES = 200;

function shorten(name: string): string {
  if (Buffer.byteLength(name) <= MAX_BYTES) return name;
  const extension = extname(name).slice(0, 20);
  let stem = name.slice(0, name.length - extension.length);
  while (Buffer.byteLength(stem + extension) > MAX_BYTES) stem = [...stem].slice(0, -1).join('');
  return stem + extension;
}

/** A name without directories, control characters, leading dots, trailing dots or spaces, reserved names; 'file' when nothing is left. */
export function sanitiseFileName(offered: string): string {
  const last = offered.split(/[/\\]/u).pop() ?? '';
  let name = last.replace(UNSAFE, '_').normalize('NFC').trim();
  name = name.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  if (name === '') return 'file';
  if (RESERVED.test(name)) name = `_${name}`;
  return shorten(name);
}

/** The name a URL offers: its path's last segment, percent-decoded, then made safe. */
export function fileNameOfUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'file';
  }
  const last = path.split('/').filter((part) => part !== '').pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    decoded = last;
  }
  return sanitiseFileName(decoded);
}

/** `name`, else `name (2)`, `name (3)`…: the numbered name's extension stays at the end. */
export function numberedName(name: string, n: number): string {
  if (n === 1) return name;
  const extension = extname(name);
  return `${name.slice(0, name.length - extension.length)} (${n})${extension}`;
}

const MAX_TRIES = 1_000;

/**
 * Gives the finished file at `temporary` its name in `dir` without ever replacing a file there: a hard link fails when
 * the name is taken (then the next number is tried), and the temporary name goes. Returns the name chosen.
 */
export async function settleUnderFreeName(temporary: string, dir: string, name: string): Promise<string> {
  for (let n = 1; n <= MAX_TRIES; n++) {
    const candidate = numberedName(name, n);
    try {
      await link(temporary, join(dir, candidate));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await unlink(temporary);
    return candidate;
  }
  throw new Error(`no free name for ${name} in ${dir}`);
}
