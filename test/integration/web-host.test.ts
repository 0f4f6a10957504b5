import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore } from '../../electron/core/core.ts';
import type { Core } from '../../electron/core/core-api.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createFileSecretBox, plainSealer } from '../../electron/core/secrets/secret-box.ts';
import { unexpectedErrorMessage } from '../../shared/ipc/errors.ts';
import { startWebHost, type WebHost } from '../../electron/web/web-host.ts';
import { withDeadline } from '../support/connection.ts';

const token = 'test-token-0123456789abcdef';
let dir: string;
let core: Core;
let host: WebHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'causette-web-'));
  const rendererDir = join(dir, 'renderer');
  const profileDir = join(dir, 'profile');
  await import('node:fs/promises').then((fs) => fs.mkdir(rendererDir));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Causette</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  core = await createCore({ profileDir, secrets: createFileSecretBox(join(profileDir, 'passwords.json'), plainSealer), version: 'test', logger: silentLogger });
  host = await startWebHost({ core, rendererDir, port: 0, token, logger: silentLogger });
});

afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, hostHeader = `127.0.0.1:${host.port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return withDeadline(new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  }), `an answer to GET ${path}`);
}

function openSocket(query: string, origin: string, port = host.port): Promise<WebSocket> {
  return withDeadline(new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ipc${query}`, { origin });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  }), `the WebSocket ${query || 'without a token'} opening or being refused`);
}

function call(socket: WebSocket, id: number, command: string, payload: unknown): Promise<unknown> {
  return withDeadline(new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { kind: string; id?: number; result?: unknown };
      if (frame.kind === 'result' && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame.result);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id, command, payload }));
  }), `the result of ${command} (call ${id})`);
}

describe('browser-mode host', () => {
  it('listens on loopback and gives an address carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Causette</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'.*frame-ancestors 'none'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses other host names (DNS rebinding) and paths outside the renderer', async () => {
    expect((await get('/', 'evil.example:80')).status).toBe(421);
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    await expect(openSocket('', origin)).rejects.toThrow(/403/);
    await expect(openSocket('?token=wrong-token-0123456789ab', origin)).rejects.toThrow(/403/);
    await expect(openSocket(`?token=${token}`, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('serves the contract over the socket, with typed errors for bad calls', async () => {
    const socket = await openSocket(`?token=${token}`, `http://localhost:${host.port}`);
    await expect(call(socket, 1, 'app.snapshot', {})).resolves.toMatchObject({
      ok: true,
      value: { version: 'test', accounts: [], secretStorage: 'plain-file', settings: { debugLogging: 'off' } },
    });
    await expect(call(socket, 2, 'fs.readFile', { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    await expect(call(socket, 3, 'account.add', { jid: 42 })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    socket.send('not json');
    await expect(call(socket, 4, 'settings.update', { debugLogging: 'stanzas' })).resolves.toMatchObject({ ok: true, value: { debugLogging: 'stanzas' } });
    socket.close();
  });

  it('sends core events to every open socket', async () => {
    const socket = await openSocket(`?token=${token}`, `http://127.0.0.1:${host.port}`);
    const event = withDeadline(new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString())))), 'the settings.updated event on the socket');
    await core.handlers['settings.update']({ debugLogging: 'off' });
    await expect(event).resolves.toMatchObject({ kind: 'event', event: 'settings.updated', payload: { debugLogging: 'off' } });
    socket.close();
  });
});

/** A file POSTed as the page does (renderer/ws-bridge.ts), with or without our origin and token. */
async function postFile(body: string, headers: Record<string, string>): Promise<{ status: number; answer: unknown }> {
  const response = await fetch(`http://127.0.0.1:${host.port}/files`, { method: 'POST', headers: { 'x-file-name': encodeURIComponent('notes ‮txt.exe'), ...headers }, body });
  return { status: response.status, answer: response.status === 403 ? await response.text() : ((await response.json()) as unknown) };
}

describe('browser-mode host, files the user chooses', () => {
  it('takes a file from our page with the token, registers it under a clean name, and refuses any other sender', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const taken = await postFile('hello', { origin, 'x-causette-token': token });
    expect(taken.status).toBe(200);
    expect(taken.answer).toMatchObject({ ok: true, value: { name: 'notes txt.exe', size: 5 } });
    expect((await postFile('hello', { origin })).status).toBe(403);
    expect((await postFile('hello', { origin, 'x-causette-token': 'wrong' })).status).toBe(403);
    expect((await postFile('hello', { origin: 'https://evil.example', 'x-causette-token': token })).status).toBe(403);
  });
});

describe('browser-mode host, copies of received files', () => {
  it('gives a one-time address only to our page with the token, and none for a transfer with no file here', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const ask = (headers: Record<string, string>) => fetch(`http://127.0.0.1:${host.port}/saves/no-such-transfer`, { method: 'POST', headers });
    expect((await ask({ origin })).status).toBe(403);
    expect((await ask({ origin: 'https://evil.example', 'x-causette-token': token })).status).toBe(403);
    const unknown = await ask({ origin, 'x-causette-token': token });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not-found', params: { context: 'savedFile' } } });
    expect((await get('/saved/guessed-ticket')).status).toBe(404);
  });
});

describe('browser-mode host, when a command fails unexpectedly', () => {
  it('answers internal with a generic message, and writes the detail to its log only', async () => {
    const profileDir = join(dir, 'closed-profile');
    const failing = await createCore({ profileDir, secrets: createFileSecretBox(join(profileDir, 'passwords.json'), plainSealer), version: 'test', logger: silentLogger });
    const lines: { message: string; fields: Record<string, unknown> | undefined }[] = [];
    const logger = { ...silentLogger, error: (message: string, fields?: Record<string, unknown>) => void lines.push({ message, fields }) };
    const failingHost = await startWebHost({ core: failing, rendererDir: join(dir, 'renderer'), port: 0, token, logger });
    try {
      // A real SQLite error, not a CausetteError: the store is closed under a window that still calls.
      await failing.close();
      const socket = await openSocket(`?token=${token}`, `http://127.0.0.1:${failingHost.port}`, failingHost.port);
      let deadline: NodeJS.Timeout | undefined;
      const answer = await Promise.race([
        call(socket, 1, 'settings.update', { debugLogging: 'full' }),
        new Promise((_resolve, reject) => (deadline = setTimeout(() => reject(new Error('no answer to settings.update within 10 s')), 10_000))),
      ]).finally(() => clearTimeout(deadline));
      socket.close();
      expect(answer).toEqual({ ok: false, error: { code: 'internal', message: unexpectedErrorMessage } });
      expect(lines).toEqual([
        {
          message: 'A command failed unexpectedly',
          fields: expect.objectContaining({ command: 'settings.update', error: expect.stringMatching(/^Error: statement has been finalized/) as string }) as object,
        },
      ]);
    } finally {
      await failingHost.close();
    }
  });
});
