// Browser mode: a copy of a received file saved through the browser. The page asks for it (POST, the session's token in a
// header) and gets a one-time address, which a download link then opens: the host streams the file from the disk as an
// attachment (RFC 6266), so nothing is held in memory and no address outlives its use.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Envelope } from '../../shared/ipc/contract.ts';
import { savedPath } from '../../shared/ipc/wire.ts';

/** How long an address stays usable when nobody opens it. */
const TICKET_MS = 60_000;
/** A page asking again and again cannot grow the table. */
const MAX_TICKETS = 64;

interface Ticket {
  readonly path: string;
  readonly expires: number;
}

/** `Content-Disposition` for a download of `name` (RFC 6266 §4.3): an ASCII fallback and the UTF-8 name (RFC 8187). */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function createFileSaves(receivedFile: (transferId: string) => string | undefined, now: () => number = Date.now) {
  const tickets = new Map<string, Ticket>();

  const forget = () => {
    for (const [key, ticket] of tickets) if (ticket.expires <= now()) tickets.delete(key);
    while (tickets.size >= MAX_TICKETS) tickets.delete(tickets.keys().next().value ?? '');
  };

  return {
    /** A one-time address for the file of this finished incoming transfer. */
    issue(transferId: string): Envelope<string> {
      const path = receivedFile(transferId);
      if (path === undefined) return { ok: false, error: { code: 'not-found', message: 'That file is not on this computer (any more).', params: { context: 'savedFile' } } };
      forget();
      const ticket = randomBytes(32).toString('base64url');
      tickets.set(ticket, { path, expires: now() + TICKET_MS });
      return { ok: true, value: `${savedPath}${ticket}` };
    },
    /** Streams the file a ticket names, once; false when the ticket is unknown, used or expired, or the file is gone. */
    async serve(ticket: string, response: ServerResponse): Promise<boolean> {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      if (!entry || entry.expires <= now()) return false;
      const info = await stat(entry.path).catch(() => undefined);
      if (!info?.isFile()) return false;
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(info.size),
        'Content-Disposition': attachmentHeader(basename(entry.path)),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
      createReadStream(entry.path)
        .on('error', () => response.destroy())
        .pipe(response);
      return true;
    },
  };
}
