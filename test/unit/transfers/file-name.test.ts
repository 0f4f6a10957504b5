// Received files' names (issue 13 §6): hostile offers made harmless, the URL's name read, a taken name numbered.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileNameOfUrl, numberedName, sanitiseFileName, settleUnderFreeName } from '../../../electron/core/transfers/download/file-name.ts';

describe('received file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system32\\evil.dll', 'evil.dll'],
    ['..', 'file'],
    ['.bashrc', 'bashrc'],
    ['...hidden.txt', 'hidden.txt'],
    ['report.pdf.', 'report.pdf'],
    ['  spaced.txt  ', 'spaced.txt'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1.jpg', '_com1.jpg'],
    ['LPT9', '_LPT9'],
    ['console.txt', 'console.txt'],
    ['a\u0000b\u001fc.txt', 'a_b_c.txt'],
    ['photo\u202egpj.exe', 'photo_gpj.exe'],
    ['what?<>:"|*.txt', 'what_______.txt'],
    ['', 'file'],
    ['/', 'file'],
    ['holiday photo.jpg', 'holiday photo.jpg'],
  ])('%j is saved as %j', (offered, saved) => {
    expect(sanitiseFileName(offered)).toBe(saved);
  });

  it('cuts a long name to 200 bytes and keeps its extension', () => {
    const name = sanitiseFileName(`${'é'.repeat(300)}.jpeg`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.endsWith('é.jpeg')).toBe(true);
  });

  it('reads the percent-decoded last segment of a URL, and never a directory from it', () => {
    expect(fileNameOfUrl('https://upload.example/share/abc/holiday%20photo.jpg')).toBe('holiday photo.jpg');
    expect(fileNameOfUrl('https://upload.example/share/abc/..%2F..%2Fsecret')).toBe('secret');
    expect(fileNameOfUrl('https://upload.example/share/%E0%A4%A')).toBe('%E0%A4%A');
    expect(fileNameOfUrl('https://upload.example/')).toBe('file');
    expect(fileNameOfUrl('not a url')).toBe('file');
  });

  it('numbers a taken name before its extension and never replaces a file that is there', async () => {
    expect(numberedName('photo.jpg', 1)).toBe('photo.jpg');
    expect(numberedName('photo.jpg', 3)).toBe('photo (3).jpg');
    expect(numberedName('README', 2)).toBe('README (2)');
    const dir = mkdtempSync(join(tmpdir(), 'causette-names-'));
    writeFileSync(join(dir, 'photo.jpg'), 'first');
    writeFileSync(join(dir, '.part'), 'second');
    expect(await settleUnderFreeName(join(dir, '.part'), dir, 'photo.jpg')).toBe('photo (2).jpg');
    expect(readFileSync(join(dir, 'photo.jpg'), 'utf8')).toBe('first');
    expect(readFileSync(join(dir, 'photo (2).jpg'), 'utf8')).toBe('second');
    expect(readdirSync(dir).sort()).toEqual(['photo (2).jpg', 'photo.jpg']);
  });
});
