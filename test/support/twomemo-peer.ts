// An OMEMO 2 device that is not Causette (test/peer/twomemo_peer.py: python-omemo's Twomemo backend and twomemo.etree),
// driven over JSON lines, for interop tests of Causette's own OMEMO 2 implementation.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../peer/twomemo_peer.py', import.meta.url));
export const twomemoHint = 'the OMEMO 2 peer needs Debian’s python3-twomemo and python3-omemo for /usr/bin/python3';

export interface TwomemoPeer {
  readonly pid: number;
  create(jid: string, device: number): Promise<void>;
  /** The device's bundle as twomemo.etree serializes it. */
  bundle(device: number): Promise<string>;
  /** Opens an <encrypted> element sent by `sender`: its plaintext, and whether it carried a key exchange. */
  receive(device: number, encrypted: string, sender: string): Promise<{ plaintext?: string; empty?: boolean; kex: boolean }>;
  /** An <encrypted> element for one device of `recipient`, from its bundle when there is no session yet. */
  send(device: number, args: { recipient: string; recipientDevice: number; plaintext: string; bundle?: string }): Promise<string>;
  stop(): Promise<void>;
}

export function startTwomemoPeer(): TwomemoPeer {
  const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`The OMEMO 2 peer did not start: ${twomemoHint}`);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let seq = 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const reply = JSON.parse(line) as { reply: number; result?: unknown; error?: string; trace?: string };
    const waiting = pending.get(reply.reply);
    pending.delete(reply.reply);
    if (reply.error !== undefined) waiting?.reject(new Error(`${reply.error}\n${reply.trace ?? ''}`));
    else waiting?.resolve(reply.result);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const waiting of pending.values()) waiting.reject(new Error(`The OMEMO 2 peer exited (${twomemoHint}): ${stderr}`));
    pending.clear();
  });
  const call = <T>(cmd: string, args: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      seq += 1;
      pending.set(seq, { resolve: (value) => resolve(value as T), reject });
      child.stdin.write(`${JSON.stringify({ seq, cmd, ...args })}\n`);
    });
  return {
    pid: child.pid,
    create: async (jid, device) => {
      await call('create', { jid, device });
    },
    bundle: async (device) => (await call<{ bundle: string }>('bundle', { device })).bundle,
    receive: (device, encrypted, sender) => call('receive', { device, encrypted, sender }),
    send: async (device, args) => (await call<{ encrypted: string }>('send', { device, ...args })).encrypted,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
