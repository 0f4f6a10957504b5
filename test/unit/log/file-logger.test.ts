import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugLogging } from '../../../shared/model/settings.ts';
import { createFileLogger } from '../../../electron/core/log/file-logger.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'causette-log-'));
  dirs.push(dir);
  return dir;
}

describe('rotating log file', () => {
  it('rotates past the size limit and keeps a bounded number of old files', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, maxBytes: 200, keep: 2, level: () => 'off' });
    for (let index = 0; index < 20; index += 1) logger.info(`line ${index} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['causette.1.log', 'causette.2.log', 'causette.log']);
    expect(readFileSync(logger.file, 'utf8')).toContain('line 19');
    expect(statSync(logger.file).mode & 0o777).toBe(0o600);
  });

  it('writes stanzas only when debug logging is on, redacted by level', () => {
    const dir = tempDir();
    let level: DebugLogging = 'off';
    const logger = createFileLogger({ dir, level: () => level });
    const stanza = '<message><body>secret plans</body></message>';
    logger.stanza('out', 'a1', stanza);
    logger.debug('not written when off');
    level = 'stanzas';
    logger.stanza('in', 'a1', stanza);
    level = 'full';
    logger.child({ account: 'a1' }).stanza('out', 'a1', stanza);
    const lines = readFileSync(logger.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/RECV \[a1\] <message><body>\[redacted\]<\/body><\/message>$/);
    expect(lines[1]).toMatch(/SEND \[a1\] <message><body>secret plans<\/body><\/message>$/);
  });
});
