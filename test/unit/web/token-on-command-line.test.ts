import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebCli, UsageError } from '../../../electron/web/cli-options.ts';
import { openerCommand } from '../../../electron/web/opener.ts';
import { readTokenFile, writeLaunchPage } from '../../../electron/web/token-file.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'causette-token-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the browser mode’s token stays off command lines (issue 9 §2.11)', () => {
  it('refuses --token in either spelling, saying why and what to use instead', () => {
    expect(() => parseWebCli(['--token', 'abcdefghijklmnop0123'])).toThrow(UsageError);
    expect(() => parseWebCli(['--token=abcdefghijklmnop0123'])).toThrow(/--token-file/);
  });

  it('takes --token-file, and the other options as before', () => {
    expect(parseWebCli(['--token-file', '/run/user/1000/causette-token', '--port', '8123', '--no-open'])).toEqual({
      port: 8123,
      profile: undefined,
      tokenFile: '/run/user/1000/causette-token',
      open: false,
      ca: [],
    });
  });

  it('reads the token from a file only its owner can read, and refuses one others can read or a bad token', () => {
    const dir = tempDir();
    const file = join(dir, 'token');
    writeFileSync(file, 'abcdefghijklmnop0123\n', { mode: 0o600 });
    expect(readTokenFile(file, 'linux')).toBe('abcdefghijklmnop0123');
    chmodSync(file, 0o644);
    expect(() => readTokenFile(file, 'linux')).toThrow(/other users/);
    writeFileSync(join(dir, 'short'), 'short', { mode: 0o600 });
    expect(() => readTokenFile(join(dir, 'short'), 'linux')).toThrow(/16 to 128/);
    expect(() => readTokenFile(join(dir, 'missing'), 'linux')).toThrow(/Cannot read/);
  });

  it('the opener is given a file path on every platform, never the address with its token', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const [command, args] = openerCommand(platform, '/home/me/.config/Causette/open-causette.html');
      expect(command).toMatch(/^(xdg-open|open|cmd)$/);
      expect(args.at(-1)).toBe('/home/me/.config/Causette/open-causette.html');
    }
  });

  it('the launch page is readable only by us and leads on to the tokened address', () => {
    const page = join(tempDir(), 'open-causette.html');
    writeFileSync(page, 'a stale page', { mode: 0o644 });
    writeLaunchPage(page, 'http://127.0.0.1:8123/?token=abcdefghijklmnop0123');
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(readFileSync(page, 'utf8')).toContain('<meta http-equiv="refresh" content="0;url=http://127.0.0.1:8123/?token=abcdefghijklmnop0123">');
  });
});
