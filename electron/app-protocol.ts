// The app:// scheme: the renderer comes from the packaged files, with the CSP as a header, never from the network.
import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import { downloadsPath } from '../shared/ipc/wire.ts';
import { previewOf } from './core/transfers/download/preview.ts';
import { readStaticFile } from './web/static-files.ts';
import { contentSecurityPolicy } from './security.ts';

export const appScheme = 'app';
export const appHost = 'causette';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** standard: a real origin and relative URLs; secure: a secure context like https; fetch: for connect-src 'self'. */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Whether a URL is one of ours; compared by parts since Node gives custom schemes an opaque origin. */
export function isAppUrl(raw: string): boolean {
  const url = URL.parse(raw);
  return url !== null && url.protocol === `${appScheme}:` && url.host === appHost;
}

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
};

/**
 * The protocol.handle handler: GET only, our host only, files under rendererDir only, and a finished download's image
 * preview under downloadsPath (from where the core saved it).
 */
export function createAppHandler(
  rendererDir: string,
  downloadedFile: (transferId: string) => string | undefined = () => undefined,
): (request: { readonly url: string; readonly method: string }) => Promise<Response> {
  return async ({ url, method }) => {
    if (method !== 'GET') return refusal(405, 'Method not allowed');
    if (!isAppUrl(url)) return refusal(404, 'Not found');
    const { pathname } = new URL(url);
    if (pathname.startsWith(downloadsPath)) {
      const preview = await previewOf(downloadedFile(pathname.slice(downloadsPath.length)));
      if (!preview) return refusal(404, 'Not found');
      const body = await readFile(preview.path);
      return new Response(new Uint8Array(body), { headers: { 'content-type': preview.type, ...securityHeaders } });
    }
    const file = await readStaticFile(rendererDir, new URL(url).pathname);
    if (!file) return refusal(404, 'Not found');
    // A plain Uint8Array: a Buffer may sit on shared memory, which a Response body may not.
    return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.contentType, ...securityHeaders } });
  };
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders } });
}
