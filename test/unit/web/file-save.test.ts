// The browser mode's copies of received files (electron/web/file-save.ts): one-time addresses that expire, served as an
// attachment whose name cannot break out of its header.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentHeader, createFileSaves } from '../../../electron/web/file-save.ts';
import { savedPath } from '../../../shared/ipc/wire.ts';

let dir: string;
let file: string;
let server: Server;
let clock = 0;
const saves = createFileSaves((id) => (id === 'done-id' ? file : undefined), () => clock);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'causette-save-'));
  file = join(dir, 'rapport été.pdf');
  writeFileSync(file, 'the bytes');
  server = createServer((request, response) => {
    void saves.serve((request.url ?? '').slice(savedPath.length), response).then((served) => {
      if (!served) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
};

function issued(id: string): string {
  const answer = saves.issue(id);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('copies of received files in the browser mode', () => {
  it('serves the file once as an attachment under its UTF-8 name, then refuses the same address', async () => {
    const address = issued('done-id');
    expect(address.startsWith(savedPath)).toBe(true);
    const first = await fetch(`${base()}${address}`);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('the bytes');
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="rapport _t_.pdf"; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.pdf`);
    expect(first.headers.get('content-type')).toBe('application/octet-stream');
    expect((await fetch(`${base()}${address}`)).status).toBe(404);
  });

  it('refuses an address nobody opened within a minute, and one never issued', async () => {
    const address = issued('done-id');
    clock += 60_001;
    expect((await fetch(`${base()}${address}`)).status).toBe(404);
    expect((await fetch(`${base()}${savedPath}made-up`)).status).toBe(404);
  });

  it('says so when the transfer has no file on this computer', () => {
    expect(saves.issue('other-id')).toMatchObject({ ok: false, error: { code: 'not-found', params: { context: 'savedFile' } } });
  });

  it('keeps quotes, backslashes and line breaks of a name out of the header’s syntax', () => {
    const header = attachmentHeader('a"b\\c\r\nSet-Cookie: x.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="a_b_c__Set-Cookie: x.txt"; filename*=UTF-8\'\'')).toBe(true);
    expect(header).toContain("a%22b%5Cc%0D%0ASet-Cookie%3A%20x.txt");
  });
});
