// Browser mode: a file the user chose in the page, POSTed to the host with the session's token, written to a private
// temporary folder and registered with the core; the page gets its token, as the desktop app's preload would.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Envelope } from '../../shared/ipc/contract.ts';
import { toAppError } from '../../shared/ipc/errors.ts';
import { fileNameHeader } from '../../shared/ipc/wire.ts';
import type { ChosenFile } from '../../shared/model/transfer.ts';
import type { Core } from '../core/core-api.ts';

/** Far above what upload services take; a bound so that a page cannot fill the disk. */
const MAX_BYTES = 4 * 1024 ** 3;

export function createFileIntake(files: Core['files']) {
  let folder: Promise<string> | undefined;
  const dir = () => (folder ??= mkdtemp(join(tmpdir(), 'causette-chosen-')));

  async function take(request: IncomingMessage): Promise<Envelope<ChosenFile>> {
    const declared = Number(request.headers['content-length']);
    if (!Number.isSafeInteger(declared) || declared < 0 || declared > MAX_BYTES) {
      return { ok: false, error: { code: 'bad-request', message: 'The file is too large to hand over.', params: { context: 'fileTooLarge', size: String(request.headers['content-length'] ?? ''), max: String(MAX_BYTES) } } };
    }
    const raw = request.headers[fileNameHeader];
    const name = typeof raw === 'string' ? decodeURIComponent(raw) : 'file';
    const path = join(await dir(), randomUUID());
    try {
      await pipeline(request, createWriteStream(path, { mode: 0o600 }));
      const { token, name: shown, size } = await files.register(path, name);
      return { ok: true, value: { token, name: shown, size } };
    } catch (error) {
      await unlink(path).catch(() => undefined);
      return { ok: false, error: toAppError(error) };
    }
  }

  return {
    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const answer = await take(request);
      response.writeHead(answer.ok ? 200 : 400, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(answer));
    },
    /** The temporary copies go with the host. */
    async dispose(): Promise<void> {
      if (folder) await rm(await folder, { recursive: true, force: true });
    },
  };
}
