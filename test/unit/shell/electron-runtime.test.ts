import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureElectron, missingElectronMessage } from '../../../scripts/electron-runtime.ts';

let electronDir: string;
beforeEach(() => {
  electronDir = mkdtempSync(join(tmpdir(), 'causette-electron-'));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  rmSync(electronDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** Stands in for electron's install.js: a script that installs a fake binary, or fails like the real one offline. */
function installScript(succeeds: boolean): void {
  const body = succeeds
    ? `const fs = require('fs'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron');`
    : `console.error('TypeError: fetch failed\\n    at node:internal/deps/undici'); process.exit(1);`;
  writeFileSync(join(electronDir, 'install.js'), body);
  writeFileSync(join(electronDir, 'package.json'), '{"type":"commonjs"}');
}

describe('Electron runtime for npm start', () => {
  it('uses the binary path.txt names when it is there', () => {
    mkdirSync(join(electronDir, 'dist'));
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    expect(ensureElectron(electronDir, {})).toEqual({ binary: join(electronDir, 'dist', 'electron') });
  });

  it('downloads it once with install.js when missing', () => {
    installScript(true);
    expect(ensureElectron(electronDir, {})).toEqual({ binary: join(electronDir, 'dist', 'electron') });
  });

  it('does not download when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    installScript(true);
    expect(ensureElectron(electronDir, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toEqual({
      missing: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded',
    });
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
  });

  it('reports a failed download by its first line, without the stack', () => {
    installScript(false);
    const runtime = ensureElectron(electronDir, {});
    expect(runtime).toEqual({ missing: 'downloading it failed with “TypeError: fetch failed” (is this machine offline?)' });
  });

  it('explains in one paragraph how to install Electron and that browser mode works without it', () => {
    const message = missingElectronMessage('ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded');
    expect(message).not.toContain('\n');
    expect(message).toContain('the Electron runtime is not installed');
    expect(message).toContain('npx install-electron');
    expect(message).toContain('npm run web');
  });
});
