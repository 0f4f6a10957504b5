import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appEntryUrl, createAppHandler } from '../../../electron/app-protocol.ts';
import { contentSecurityPolicy } from '../../../electron/security.ts';

const base = mkdtempSync(join(tmpdir(), 'causette-app-protocol-'));
const rendererDir = join(base, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Causette</title>');
writeFileSync(join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
writeFileSync(join(rendererDir, 'notes.txt'), 'not a served type');
writeFileSync(join(base, 'secret.json'), '{"password":"hunter2"}');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const serve = createAppHandler(rendererDir);
const get = (url: string) => serve({ url, method: 'GET' });

describe('app:// protocol', () => {
  it('serves the entry page with its type, the CSP and nosniff', async () => {
    const response = await get(appEntryUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Causette</title>');
  });

  it('serves assets with the right MIME type and the root as index.html', async () => {
    const script = await get('app://causette/assets/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await get('app://causette/')).text()).toContain('Causette');
  });

  it('refuses to leave the renderer folder, however the path is spelled', async () => {
    for (const url of [
      'app://causette/../secret.json',
      'app://causette/%2e%2e/secret.json',
      'app://causette/..%2fsecret.json',
      'app://causette/assets/..%2f..%2fsecret.json',
      'app://causette/..%5csecret.json',
      'app://causette/%2e%2e%2f%2e%2e%2fsecret.json',
      'app://causette/index.html%00.js',
      'app://causette/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('hunter2');
      expect(response.headers.get('content-security-policy'), url).toBe(contentSecurityPolicy);
    }
  });

  it('refuses other hosts, other methods and file types it does not know', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('https://causette/index.html')).status).toBe(404);
    expect((await serve({ url: appEntryUrl, method: 'POST' })).status).toBe(405);
    expect((await get('app://causette/notes.txt')).status).toBe(404);
    expect((await get('app://causette/missing.js')).status).toBe(404);
  });
});

describe('app:// download previews', () => {
  const saved = new Map([
    ['t-png', join(base, 'photo.png')],
    ['t-svg', join(base, 'drawing.svg')],
  ]);
  writeFileSync(join(base, 'photo.png'), 'png bytes');
  writeFileSync(join(base, 'drawing.svg'), '<svg onload="alert(1)"/>');
  const previews = createAppHandler(rendererDir, (id) => saved.get(id));

  it('serves a finished download that is a raster image, with its type and nosniff', async () => {
    const response = await previews({ url: 'app://causette/downloads/t-png', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('png bytes');
  });

  it('serves no SVG, no unknown transfer, and nothing without the core', async () => {
    expect((await previews({ url: 'app://causette/downloads/t-svg', method: 'GET' })).status).toBe(404);
    expect((await previews({ url: 'app://causette/downloads/other', method: 'GET' })).status).toBe(404);
    expect((await get('app://causette/downloads/t-png')).status).toBe(404);
  });
});
