// Where an incoming file's bytes go: a temporary name next to the final one, hashed (sha-256) as it is written, and
// renamed only once the size and the hash match what was offered; a mismatch keeps the bytes aside under the temporary name.
// An interrupted transfer keeps its temporary file (`suspend`), and a resumed one (XEP-0234 §6.4) writes on after its bytes,
// whose hash is read back from disk first, so that the hash checked at the end is the whole file's.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { settleUnderFreeName } from '../transfers/download/file-name.ts';

export const PARTIAL_SUFFIX = '.causette-part';

export type SinkResult =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly problem: 'size-mismatch' | 'hash-mismatch'; readonly kept: string };

/**
 * XEP-0300 §2: the value is the base64 of the digest. Libervia 0.9 (Debian bookworm) sends the base64 of the hex digest
 * instead; that form is read too, since it names the same digest unambiguously.
 */
export function sameSha256(value: string, digest: Buffer): boolean {
  const decoded = Buffer.from(value, 'base64');
  if (decoded.length === digest.length) return decoded.equals(digest);
  return decoded.toString('latin1').toLowerCase() === digest.toString('hex');
}

export async function openFileSink(dir: string, name: string, expectedSize: number) {
  const temporary = join(dir, `.${name}.${process.pid}.${Date.now()}${PARTIAL_SUFFIX}`);
  // 'wx': never write into a file that is already there.
  const handle = await open(temporary, 'wx', 0o600);
  return sink({ handle, temporary, dir, name, expectedSize, written: 0, hash: createHash('sha256') });
}

/** Reopens the temporary file an interrupted transfer kept: its first `have` bytes are hashed again, the rest is cut off. */
export async function resumeFileSink(temporary: string, dir: string, name: string, expectedSize: number, have: number) {
  const hash = createHash('sha256');
  if (have > 0) for await (const chunk of createReadStream(temporary, { start: 0, end: have - 1 })) hash.update(chunk as Buffer);
  const handle = await open(temporary, 'r+');
  await handle.truncate(have);
  return sink({ handle, temporary, dir, name, expectedSize, written: have, hash });
}

function sink(args: { handle: FileHandle; temporary: string; dir: string; name: string; expectedSize: number; written: number; hash: Hash }) {
  const { handle, temporary, dir, name, expectedSize, hash } = args;
  let written = args.written;
  let onDisk = args.written;
  let closed = false;
  // Writes take their place in the file in the order they are called. Those called while the disk is busy wait together
  // and go down in one writev once it is free (fewer, larger system calls, as a write stream does); after a failed one
  // the rest are not written, so that the bytes on disk stay the file's first ones.
  let waiting: { readonly bytes: Uint8Array; readonly done: PromiseWithResolvers<void> }[] = [];
  let drained: Promise<void> = Promise.resolve();
  let broken: Error | undefined;
  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        if (broken) throw new Error('an earlier write failed', { cause: broken });
        const length = batch.reduce((sum, each) => sum + each.bytes.length, 0);
        await handle.writev(batch.map((each) => each.bytes), onDisk);
        onDisk += length;
        for (const each of batch) each.done.resolve();
      } catch (error) {
        broken ??= error instanceof Error ? error : new Error(String(error));
        for (const each of batch) each.done.reject(error);
      }
    }
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };

  return {
    temporary,
    written: () => written,
    write(bytes: Uint8Array): Promise<void> {
      if (written + bytes.length > expectedSize) return Promise.reject(new Error('more bytes than offered'));
      written += bytes.length;
      hash.update(bytes);
      const done = Promise.withResolvers<void>();
      waiting.push({ bytes, done });
      if (waiting.length === 1) drained = drained.then(drain);
      return done.promise;
    },
    /** Checks the size and, when given, the sha-256 (base64), then moves the file under its final, free name. */
    async finish(sha256: string | undefined): Promise<SinkResult> {
      await drained;
      await handle.sync();
      await close();
      if (written !== expectedSize) return { ok: false, problem: 'size-mismatch', kept: temporary };
      if (sha256 !== undefined && !sameSha256(sha256, hash.digest())) return { ok: false, problem: 'hash-mismatch', kept: temporary };
      return { ok: true, path: join(dir, await settleUnderFreeName(temporary, dir, name)) };
    },
    /** Stops for now: the bytes so far stay under the temporary name, to resume from. */
    async suspend(): Promise<number> {
      await drained;
      await handle.sync().catch(() => undefined);
      await close().catch(() => undefined);
      return onDisk;
    },
    /** Gives up: nothing is left behind. */
    async discard(): Promise<void> {
      await drained;
      await close().catch(() => undefined);
      await unlink(temporary).catch(() => undefined);
    },
  };
}

export type FileSink = Awaited<ReturnType<typeof openFileSink>>;
