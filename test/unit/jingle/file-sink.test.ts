import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileSink, PARTIAL_SUFFIX, resumeFileSink, sameSha256 } from '../../../electron/core/jingle/file-sink.ts';

const dirs: string[] = [];
const dir = () => {
  const made = mkdtempSync(join(tmpdir(), 'causette-sink-'));
  dirs.push(made);
  return made;
};
afterEach(() => {
  for (const made of dirs.splice(0)) rmSync(made, { recursive: true, force: true });
});
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

describe('the file sink of an incoming file', () => {
  it('writes under a temporary name and takes the final one only once the hash matches', async () => {
    const folder = dir();
    const sink = await openFileSink(folder, 'a.txt', 6);
    await sink.write(Buffer.from('abc'));
    expect(readdirSync(folder)).toEqual([sink.temporary.slice(folder.length + 1)]);
    expect(sink.temporary.endsWith(PARTIAL_SUFFIX)).toBe(true);
    await sink.write(Buffer.from('def'));
    expect(await sink.finish(sha256('abcdef'))).toEqual({ ok: true, path: join(folder, 'a.txt') });
    expect(readdirSync(folder)).toEqual(['a.txt']);
    expect(readFileSync(join(folder, 'a.txt'), 'utf8')).toBe('abcdef');
  });

  it('a hash mismatch keeps the bytes aside and never under the final name', async () => {
    const folder = dir();
    const sink = await openFileSink(folder, 'a.txt', 3);
    await sink.write(Buffer.from('abc'));
    const result = await sink.finish(sha256('abd'));
    expect(result).toEqual({ ok: false, problem: 'hash-mismatch', kept: sink.temporary });
    expect(readdirSync(folder)).toEqual([sink.temporary.slice(folder.length + 1)]);
  });

  it('a short file is a size mismatch; more bytes than offered are refused', async () => {
    const folder = dir();
    const short = await openFileSink(folder, 'a.txt', 5);
    await short.write(Buffer.from('abc'));
    expect(await short.finish(undefined)).toMatchObject({ ok: false, problem: 'size-mismatch' });
    const long = await openFileSink(folder, 'b.txt', 2);
    await expect(long.write(Buffer.from('abc'))).rejects.toThrow('more bytes than offered');
    await long.discard();
    expect(readdirSync(folder).some((name) => name.includes('b.txt'))).toBe(false);
  });

  it('XEP-0300 §2: reads the base64 of the digest, and Libervia 0.9’s base64 of the hex digest', () => {
    const digest = createHash('sha256').update('abc').digest();
    expect(sameSha256(digest.toString('base64'), digest)).toBe(true);
    expect(sameSha256(Buffer.from(digest.toString('hex')).toString('base64'), digest)).toBe(true);
    expect(sameSha256(Buffer.from(digest.toString('hex').toUpperCase()).toString('base64'), digest)).toBe(true);
    const other = createHash('sha256').update('abd').digest();
    expect(sameSha256(other.toString('base64'), digest)).toBe(false);
    expect(sameSha256(Buffer.from(other.toString('hex')).toString('base64'), digest)).toBe(false);
    expect(sameSha256('', digest)).toBe(false);
  });

  it('an interrupted file keeps its bytes; resumed, it writes on after them and checks the hash of the whole file', async () => {
    const folder = dir();
    const first = await openFileSink(folder, 'a.txt', 6);
    await first.write(Buffer.from('abcd'));
    expect(await first.suspend()).toBe(4);
    expect(readFileSync(first.temporary, 'utf8')).toBe('abcd');
    // Two bytes more on disk than the range asked from (they may be torn): they are cut off and written again.
    const resumed = await resumeFileSink(first.temporary, folder, 'a.txt', 6, 2);
    expect(resumed.written()).toBe(2);
    await resumed.write(Buffer.from('cdef'));
    expect(await resumed.finish(sha256('abcdef'))).toEqual({ ok: true, path: join(folder, 'a.txt') });
    expect(readFileSync(join(folder, 'a.txt'), 'utf8')).toBe('abcdef');
  });

  it('a resumed file whose first bytes changed fails the hash and stays aside', async () => {
    const folder = dir();
    const first = await openFileSink(folder, 'a.txt', 6);
    await first.write(Buffer.from('xyz'));
    await first.suspend();
    const resumed = await resumeFileSink(first.temporary, folder, 'a.txt', 6, 3);
    await resumed.write(Buffer.from('def'));
    expect(await resumed.finish(sha256('abcdef'))).toEqual({ ok: false, problem: 'hash-mismatch', kept: first.temporary });
    expect(readdirSync(folder)).toEqual([first.temporary.slice(folder.length + 1)]);
  });

  it('a resumed file takes no more than the size offered', async () => {
    const folder = dir();
    const first = await openFileSink(folder, 'a.txt', 4);
    await first.write(Buffer.from('ab'));
    await first.suspend();
    const resumed = await resumeFileSink(first.temporary, folder, 'a.txt', 4, 2);
    await expect(resumed.write(Buffer.from('cde'))).rejects.toThrow('more bytes than offered');
  });

  it('an interruption after 200 chunks keeps them all; resumed, the rest written together lands in order and the whole file checks', async () => {
    const folder = dir();
    const chunks = Array.from({ length: 300 }, (_, index) => Buffer.alloc(64 * 1024, index % 251));
    const whole = Buffer.concat(chunks);
    const sink = await openFileSink(folder, 'big.bin', whole.length);
    for (const chunk of chunks.slice(0, 200)) await sink.write(chunk);
    expect(await sink.suspend()).toBe(200 * 64 * 1024);
    const resumed = await resumeFileSink(sink.temporary, folder, 'big.bin', whole.length, 200 * 64 * 1024);
    await Promise.all(chunks.slice(200).map((chunk) => resumed.write(chunk)));
    expect(await resumed.finish(createHash('sha256').update(whole).digest('base64'))).toEqual({ ok: true, path: join(folder, 'big.bin') });
    expect(readFileSync(join(folder, 'big.bin')).equals(whole)).toBe(true);
  });
});
