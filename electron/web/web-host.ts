// Browser mode: the renderer over HTTP on 127.0.0.1 and the contract over a WebSocket guarded by a one-time token.
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { createDispatcher } from '../../shared/ipc/dispatch.ts';
import { downloadsPath, fileTokenHeader, filesPath, savedPath, savesPath, socketPath } from '../../shared/ipc/wire.ts';
import type { Core } from '../core/core-api.ts';
import { previewOf } from '../core/transfers/download/preview.ts';
import type { Logger } from '../core/log/logger.ts';
import { createFileSaves } from './file-save.ts';
import { createFileIntake } from './file-upload.ts';
import { readStaticFile } from './static-files.ts';
import { serveSocket } from './socket-session.ts';

export interface WebHostOptions {
  readonly core: Core;
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly token: string;
  readonly logger: Logger;
}

export interface WebHost {
  readonly port: number;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const loopback = '127.0.0.1';

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self'",
    `connect-src 'self' ws://${loopback}:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const dispatch = createDispatcher(options.core.handlers, options.logger);
  const expectedToken = Buffer.from(options.token);
  let port = options.port;

  // Only our own names are served, so a page on another site cannot reach us by DNS rebinding.
  const allowedHost = (host: string | undefined) => host === `${loopback}:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined) => origin === `http://${loopback}:${port}` || origin === `http://localhost:${port}`;
  const tokenMatches = (token: string | null) => {
    const given = Buffer.from(token ?? '');
    return given.length === expectedToken.length && timingSafeEqual(given, expectedToken);
  };

  const intake = createFileIntake(options.core.files);
  const saves = createFileSaves((id) => options.core.receivedFile(id));
  const server = createServer((request, response) => {
    void (async () => {
      const refuse = (status: number) => {
        response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(status === 404 ? 'Not found' : 'Refused');
      };
      if (!allowedHost(request.headers.host)) return refuse(421);
      const path = new URL(request.url ?? '/', `http://${loopback}`).pathname;
      if (request.method === 'POST' && path === filesPath) {
        // Our page only: same origin, and the session's token (a header, which a form on another site cannot set).
        const token = request.headers[fileTokenHeader];
        if (!allowedOrigin(request.headers.origin) || !tokenMatches(typeof token === 'string' ? token : null)) return refuse(403);
        return intake.handle(request, response);
      }
      if (request.method === 'POST' && path.startsWith(savesPath)) {
        const token = request.headers[fileTokenHeader];
        if (!allowedOrigin(request.headers.origin) || !tokenMatches(typeof token === 'string' ? token : null)) return refuse(403);
        const answer = saves.issue(decodeURIComponent(path.slice(savesPath.length)));
        response.writeHead(answer.ok ? 200 : 404, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(answer));
        return;
      }
      // The one-time ticket in the address is the credential: a download link cannot carry a header.
      if (request.method === 'GET' && path.startsWith(savedPath)) {
        if (!(await saves.serve(path.slice(savedPath.length), response))) return refuse(404);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
      if (path.startsWith(downloadsPath)) {
        // A finished download's preview, for our page only: the session's token in a header (no other site can set one).
        const token = request.headers[fileTokenHeader];
        if (!tokenMatches(typeof token === 'string' ? token : null)) return refuse(403);
        const preview = await previewOf(options.core.downloadedFile(path.slice(downloadsPath.length)));
        if (!preview) return refuse(404);
        response.writeHead(200, { 'Content-Type': preview.type, 'Content-Length': String(preview.size), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' });
        if (request.method === 'HEAD') return response.end();
        return preview.open().on('error', () => response.destroy()).pipe(response);
      }
      const file = await readStaticFile(options.rendererDir, path);
      if (!file) return refuse(404);
      response.writeHead(200, {
        'Content-Type': file.contentType,
        'Content-Security-Policy': contentSecurityPolicy(port),
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    })();
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', `http://${loopback}`);
    const accepted =
      url.pathname === socketPath &&
      allowedHost(request.headers.host) &&
      allowedOrigin(request.headers.origin) &&
      tokenMatches(url.searchParams.get('token'));
    if (!accepted) {
      options.logger.warn('browser mode: a WebSocket without our origin and token was refused', { origin: request.headers.origin });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.core, dispatch, options.logger));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, loopback, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address && typeof address === 'object') port = address.port;

  return {
    port,
    url: `http://${loopback}:${port}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => void intake.dispose().finally(resolve));
      }),
  };
}
