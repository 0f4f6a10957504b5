// The Bridge the preload exposes: contract names only, checked in the renderer before anything crosses IPC.
// Runs inside the sandboxed preload: no Node imports here.
import type { Bridge, FileHandle } from '../../shared/ipc/bridge.ts';
import type { ChosenFile } from '../../shared/model/transfer.ts';
import { isCommandName, isEventName, type CommandResponse, type Envelope, type EventPayload } from '../../shared/ipc/contract.ts';
import { ipcChannels } from '../../shared/ipc/wire.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The parts of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

/** webUtils.getPathForFile: a dropped or picked file's path, '' for a File the page made itself. */
export type PathOfFile = (file: FileHandle) => string;

export function createBridge(ipc: RendererIpc, pathOf: PathOfFile): Bridge {
  return {
    invoke(name, request) {
      if (!isCommandName(name)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown-command', message: `Unknown command: ${describe(name)}` } });
      }
      // Main answers with an envelope built from the contract's schemas (shared/ipc/dispatch.ts).
      return ipc.invoke(ipcChannels.invoke, name, request) as Promise<Envelope<CommandResponse<typeof name>>>;
    },
    shareFile(file) {
      const path = pathOf(file);
      if (path === '') return Promise.resolve({ ok: false, error: { code: 'not-found', message: 'That file cannot be read.', params: { context: 'fileUnreadable' } } });
      return ipc.invoke(ipcChannels.file, path) as Promise<Envelope<ChosenFile>>;
    },
    on(name, listener) {
      if (!isEventName(name)) throw new TypeError(`Unknown event: ${describe(name)}`);
      // The IpcRendererEvent stays here: it would hand the page a way to ipcRenderer.
      const forward: Listener = (_event, eventName, payload) => {
        if (eventName === name) listener(payload as EventPayload<typeof name>);
      };
      ipc.on(ipcChannels.event, forward);
      return () => void ipc.removeListener(ipcChannels.event, forward);
    },
  };
}

function describe(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : typeof name;
}
