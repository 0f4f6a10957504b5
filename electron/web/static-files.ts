// Serves the built renderer from one folder: GET only, no path outside it, known types only.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** Resolves a URL path to a file under root, or undefined when it is outside root, unknown or missing. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const contentType = contentTypes[extname(full).toLowerCase()];
  if (!contentType) return undefined;
  try {
    return { body: await readFile(full), contentType };
  } catch {
    return undefined;
  }
}
