// Binds the contract to Electron IPC: only our own top-level app:// frame may call; core events go to our window.
import { isAbsolute } from 'node:path';
import type { Envelope } from '../../shared/ipc/contract.ts';
import { toAppError } from '../../shared/ipc/errors.ts';
import { createDispatcher, type Dispatch } from '../../shared/ipc/dispatch.ts';
import { ipcChannels } from '../../shared/ipc/wire.ts';
import { isAppUrl } from '../app-protocol.ts';
import type { Core } from '../core/core-api.ts';
import type { Logger } from '../core/log/logger.ts';

/** The parts of an IpcMainInvokeEvent the check reads; senderFrame is null once the frame navigated or died. */
export interface InvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: object | null } | null;
}

/** The parts of our window's WebContents the binding uses. */
export interface WindowContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<Envelope<unknown>>): void;
}

/** Our window, its main frame (not an iframe), showing our app:// page (not a page it was navigated to). */
export function isOwnFrame(event: InvokeEvent, contents: WindowContents | undefined): boolean {
  const frame = event.senderFrame;
  return contents !== undefined && event.sender.id === contents.id && frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function createInvokeHandler(dispatch: Dispatch, contents: () => WindowContents | undefined, logger: Logger) {
  return (event: InvokeEvent, name: unknown, payload: unknown): Promise<Envelope<unknown>> => {
    if (isOwnFrame(event, contents())) return dispatch(name, payload);
    logger.warn('Refused an IPC call from a foreign frame', { url: event.senderFrame?.url ?? null });
    return Promise.resolve({ ok: false, error: { code: 'forbidden-sender', message: 'This frame may not call Causette.' } });
  };
}

/** The preload's path of a file the user dropped or picked (webUtils.getPathForFile), registered for the renderer's token. */
export function createFileHandler(files: Core['files'], contents: () => WindowContents | undefined, logger: Logger) {
  return async (event: InvokeEvent, path: unknown): Promise<Envelope<unknown>> => {
    if (!isOwnFrame(event, contents())) {
      logger.warn('Refused a file from a foreign frame', { url: event.senderFrame?.url ?? null });
      return { ok: false, error: { code: 'forbidden-sender', message: 'This frame may not call Causette.' } };
    }
    if (typeof path !== 'string' || !isAbsolute(path)) return { ok: false, error: { code: 'bad-request', message: 'That is not a file path.' } };
    try {
      const { token, name, size } = await files.register(path);
      return { ok: true, value: { token, name, size } };
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  };
}

export function bindIpc(ipcMain: IpcMainLike, core: Pick<Core, 'handlers' | 'onEvent' | 'logger' | 'files'>, contents: () => WindowContents | undefined): void {
  const invoke = createInvokeHandler(createDispatcher(core.handlers, core.logger), contents, core.logger);
  const file = createFileHandler(core.files, contents, core.logger);
  ipcMain.handle(ipcChannels.invoke, (event, name, payload) => invoke(event, name, payload));
  ipcMain.handle(ipcChannels.file, (event, path) => file(event, path));
  core.onEvent((name, payload) => {
    const target = contents();
    if (target !== undefined && !target.isDestroyed()) target.send(ipcChannels.event, name, payload);
  });
}
