// Browser mode: the contract over one WebSocket to the host that served the page, reopened when it drops.
import { z } from 'zod';
import { downloadsPath, fileNameHeader, fileTokenHeader, filesPath, savesPath, type ClientFrame } from '../shared/ipc/wire.ts';
import type { CommandName, EventName } from '../shared/ipc/contract.ts';
import { createLinkState, linkFailure, type RawBridge } from './link.ts';

const ServerFrameSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number().int().nonnegative(), result: z.unknown() }),
  z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

/** Waits between reconnection attempts, in milliseconds; the last one repeats. */
const retryDelays = [500, 1_000, 2_000, 4_000, 8_000] as const;

interface Pending {
  readonly resolve: (envelope: unknown) => void;
}

/** The host's answer to a file POSTed to it (electron/web/file-upload.ts), an envelope like any command's. */
async function postFile(file: File, token: string): Promise<unknown> {
  try {
    const response = await fetch(filesPath, { method: 'POST', headers: { [fileTokenHeader]: token, [fileNameHeader]: encodeURIComponent(file.name) }, body: file });
    return (await response.json()) as unknown;
  } catch {
    return linkFailure('Causette cannot be reached right now; try again once the connection is back.');
  }
}

/** The host's one-time address of a received file's copy (electron/web/file-save.ts), an envelope like any command's. */
async function askSave(transferId: string, token: string): Promise<unknown> {
  try {
    const response = await fetch(`${savesPath}${encodeURIComponent(transferId)}`, { method: 'POST', headers: { [fileTokenHeader]: token } });
    return (await response.json()) as unknown;
  } catch {
    return linkFailure('Causette cannot be reached right now; try again once the connection is back.');
  }
}

async function fetchPreview(transferId: string, token: string): Promise<Blob | undefined> {
  try {
    const response = await fetch(`${downloadsPath}${encodeURIComponent(transferId)}`, { headers: { [fileTokenHeader]: token } });
    return response.ok ? await response.blob() : undefined;
  } catch {
    return undefined;
  }
}

export function createWebSocketBridge(address: string, token: string): RawBridge {
  const link = createLinkState('connecting');
  const pending = new Map<number, Pending>();
  const queued: ClientFrame[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let attempt = 0;
  let socket: WebSocket;

  function failPending(message: string): void {
    for (const entry of pending.values()) entry.resolve(linkFailure(message));
    pending.clear();
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = ServerFrameSchema.safeParse(json);
    if (!frame.success) return;
    if (frame.data.kind === 'result') {
      const entry = pending.get(frame.data.id);
      pending.delete(frame.data.id);
      entry?.resolve(frame.data.result);
      return;
    }
    for (const listener of [...(listeners.get(frame.data.event) ?? [])]) listener(frame.data.payload);
  }

  /** Whether the host that served the page answers: then a socket that never opened was turned away. */
  const hostAnswers = (): Promise<boolean> =>
    fetch(new URL('/', window.location.href), { method: 'HEAD', cache: 'no-store' }).then(
      (response) => response.ok,
      () => false,
    );

  function open(): void {
    let opened = false;
    socket = new WebSocket(address);
    socket.addEventListener('open', () => {
      opened = true;
      attempt = 0;
      link.set('open');
      for (const frame of queued.splice(0)) socket.send(JSON.stringify(frame));
    });
    socket.addEventListener('message', (event: MessageEvent) => receive(event.data));
    socket.addEventListener('close', () => {
      // Queued frames are pending too: they fail with the rest.
      queued.length = 0;
      failPending('The connection to Causette was lost before it answered. Try again once it is back.');
      const retry = () => {
        link.set('lost');
        const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)];
        attempt += 1;
        window.setTimeout(open, delay);
      };
      if (opened) return retry();
      // Refused while the host is up: retrying the same token cannot help; a new address is needed.
      void hostAnswers().then((answers) => (answers ? link.set('refused') : retry()));
    });
  }

  open();

  return {
    shareFile: (file) => postFile(file, token),
    downloadedImage: (transferId) => fetchPreview(transferId, token),
    saveCopy: (transferId) => askSave(transferId, token),
    invoke(name: CommandName, payload: unknown): Promise<unknown> {
      const state = link.get();
      if (state === 'lost' || state === 'refused') return Promise.resolve(linkFailure('Causette cannot be reached right now; try again once the connection is back.'));
      const frame: ClientFrame = { id: nextId++, command: name, payload };
      return new Promise((resolve) => {
        pending.set(frame.id, { resolve });
        if (state === 'open') socket.send(JSON.stringify(frame));
        else queued.push(frame);
      });
    },
    on(name: EventName, listener: (payload: unknown) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    linkState: link.get,
    onLinkState: link.subscribe,
  };
}
