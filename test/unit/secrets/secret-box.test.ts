import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretBox, plainSealer, type Sealer } from '../../../electron/core/secrets/secret-box.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'causette-secrets-'));
  dirs.push(dir);
  return join(dir, 'passwords.json');
}

describe('file secret box', () => {
  it('keeps passwords in a file only the user can read, and forgets them on delete', async () => {
    const file = tempFile();
    const box = createFileSecretBox(file, plainSealer);
    await Promise.all([box.set('a1', 'one'), box.set('a2', 'two')]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await box.get('a1')).toBe('one');
    expect(await box.get('a2')).toBe('two');
    await box.delete('a1');
    expect(await createFileSecretBox(file, plainSealer).get('a1')).toBeUndefined();
    expect(await box.get('missing')).toBeUndefined();
  });

  it('stores only what the sealer produced', async () => {
    const file = tempFile();
    const reversing: Sealer = { kind: 'os-keychain', seal: (p) => [...p].reverse().join(''), open: (s) => [...s].reverse().join('') };
    const box = createFileSecretBox(file, reversing);
    await box.set('a1', 'hunter2');
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(await box.get('a1')).toBe('hunter2');
    expect(box.kind).toBe('os-keychain');
  });
});
