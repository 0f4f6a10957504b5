import { describe, expect, it } from 'vitest';
import { sanitiseOfferedName } from '../../../electron/core/jingle/offered-name.ts';

describe('the name a peer offers, made safe to save under', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system.ini', 'system.ini'],
    ['/absolute/path/x.txt', 'x.txt'],
    ['..', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['.bashrc', 'bashrc'],
    ['dots at the end...', 'dots at the end'],
    ['a\u0000b\u001fc.txt', 'a_b_c.txt'],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['what?<>:"|*.txt', 'what_______.txt'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1.log', '_com1.log'],
    ['console.log', 'console.log'],
  ])('%j → %j', (offered, safe) => {
    expect(sanitiseOfferedName(offered)).toBe(safe);
  });

  it('keeps at most 200 bytes of UTF-8, with the extension', () => {
    const long = `${'é'.repeat(300)}.tar.gz`;
    const safe = sanitiseOfferedName(long);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200);
    expect(safe.endsWith('.gz')).toBe(true);
    expect(safe.startsWith('éé')).toBe(true);
  });
});
