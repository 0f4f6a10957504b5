// The Bridge the preload exposes: contract names only, checked in the renderer before anything crosses IPC.
// Runs inside the sandboxed preload: no Node imports here.
import type { Bridge } from '../../shared/ipc/bridge.ts';
import { isCommandName, isEventName, type CommandResponse, type Envelope, type EventPayload } from '../../shared/ipc/contract.ts';
import { ipcChannels } from '../../shared/ipc/wire.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The parts of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

export function createBridge(ipc: RendererIpc): Bridge {
  return {
    invoke(name, request) {
      if (!isCommandName(name)) {
        return Promise.resolve({ ok: false, error: { code: 'unknown-command', message: `Unknown command: ${describe(name)}` } });
      }
      // Main answers with an envelope built from the contract's schemas (shared/ipc/dispatch.ts).
      return ipc.invoke(ipcChannels.invoke, name, request) as Promise<Envelope<CommandResponse<typeof name>>>;
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
