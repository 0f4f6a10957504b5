// The renderer's one door to Causette: typed, validated calls and events over whichever host runs us.
import {
  commands,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EventName,
  type EventPayload,
} from '../shared/ipc/contract.ts';
import { bridgeGlobal, type Bridge } from '../shared/ipc/bridge.ts';
import type { AppError, CertificateInfo, ErrorCode, ErrorParams } from '../shared/ipc/errors.ts';
import type { ChosenFile } from '../shared/model/transfer.ts';
import { errorText } from './i18n/errors.ts';
import { i18n } from './i18n/index.ts';
import { createLinkState, linkFailure, type LinkState, type RawBridge } from './link.ts';
import { socketAddress, takeToken } from './token.ts';
import { parseEnvelope, parseEvent, parseFileEnvelope, parseSaveEnvelope } from './validate.ts';
import { createWebSocketBridge } from './ws-bridge.ts';
import { downloadsPath, socketPath } from '../shared/ipc/wire.ts';

/** A command's failure, carrying the contract's error value. */
export class CallError extends Error {
  readonly code: ErrorCode;
  readonly certificate: CertificateInfo | undefined;
  readonly params: ErrorParams | undefined;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'CallError';
    this.code = error.code;
    this.certificate = error.certificate;
    this.params = error.params;
  }
}

export interface Api {
  /** Resolves to the command's value, or throws a CallError. */
  call<K extends CommandName>(name: K, request: CommandRequest<K>): Promise<CommandResponse<K>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** A File the user dropped or picked, handed to the host; its token for transfer.send. Throws a CallError. */
  shareFile(file: File): Promise<ChosenFile>;
  /** A finished download's image preview; undefined when there is none. */
  downloadedImage(transferId: string): Promise<Blob | undefined>;
  /** Browser mode: saves a copy of a received file through the browser's downloads. Throws a CallError. */
  saveCopy(transferId: string, name: string): Promise<void>;
  readonly linkState: () => LinkState;
  readonly onLinkState: (listener: (state: LinkState) => void) => () => void;
}

export function createApi(raw: RawBridge): Api {
  return {
    async call(name, request) {
      const checked = commands[name].request.safeParse(request);
      if (!checked.success) {
        throw new CallError({ code: 'bad-request', message: checked.error.issues[0]?.message ?? 'Invalid request.' });
      }
      const envelope = parseEnvelope(name, await raw.invoke(name, checked.data));
      if (!envelope.ok) throw new CallError(envelope.error);
      return envelope.value;
    },
    downloadedImage: (transferId) => raw.downloadedImage(transferId),
    async saveCopy(transferId, name) {
      if (!raw.saveCopy) throw new CallError({ code: 'not-supported', message: 'Only the browser mode saves copies.' });
      const envelope = parseSaveEnvelope(await raw.saveCopy(transferId));
      if (!envelope.ok) throw new CallError(envelope.error);
      // A download link to the one-time address: the browser streams the file into its downloads.
      const link = document.createElement('a');
      link.href = envelope.value;
      link.download = name;
      link.click();
    },
    async shareFile(file) {
      const envelope = parseFileEnvelope(await raw.shareFile(file));
      if (!envelope.ok) throw new CallError(envelope.error);
      return envelope.value;
    },
    on(name, listener) {
      return raw.on(name, (payload) => {
        const checked = parseEvent(name, payload);
        if (checked === undefined) console.warn(`Causette: an invalid "${name}" event was ignored`);
        else listener(checked);
      });
    },
    linkState: raw.linkState,
    onLinkState: raw.onLinkState,
  };
}

function isBridge(value: unknown): value is Bridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.invoke === 'function' && typeof candidate.on === 'function';
}

/** Electron's preload bridge, seen as untrusted raw values like any other host. */
function fromElectron(bridge: Bridge): RawBridge {
  const link = createLinkState('open');
  return {
    invoke: (name, payload) =>
      (bridge.invoke as (name: CommandName, payload: unknown) => Promise<unknown>)(name, payload).catch((error: unknown) =>
        linkFailure(error instanceof Error ? error.message : 'Causette did not answer.'),
      ),
    on: (name, listener) => bridge.on(name, listener),
    shareFile: (file) => bridge.shareFile(file).catch((error: unknown) => linkFailure(error instanceof Error ? error.message : 'Causette did not answer.')),
    // Served by the app:// scheme's handler, same origin as the page.
    downloadedImage: (transferId) =>
      fetch(`${downloadsPath}${encodeURIComponent(transferId)}`)
        .then((response) => (response.ok ? response.blob() : undefined))
        .catch(() => undefined),
    linkState: link.get,
    onLinkState: link.subscribe,
  };
}

function desktopBridge(): Bridge | undefined {
  const exposed: unknown = (window as unknown as Record<string, unknown>)[bridgeGlobal];
  return isBridge(exposed) ? exposed : undefined;
}

/** Whether the desktop app's preload serves this window (else it is the browser mode). */
export function isDesktop(): boolean {
  return desktopBridge() !== undefined;
}

/** The desktop preload's bridge when present, else the browser-mode WebSocket; a sentence when neither can work. */
export function connect(): Api | string {
  const exposed = desktopBridge();
  if (exposed) return createApi(fromElectron(exposed));
  const token = takeToken();
  if (!token) {
    return i18n.t('start.noToken');
  }
  return createApi(createWebSocketBridge(socketAddress(window.location.host, socketPath, token), token));
}

let installed: Api | undefined;

export function install(api: Api): void {
  installed = api;
}

/** Calls a command through the installed api. */
export function call<K extends CommandName>(name: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
  if (!installed) return Promise.reject(new CallError({ code: 'internal', message: 'Causette is not connected yet.', params: { context: 'notYet' } }));
  return installed.call(name, request);
}

/** Hands a file the user chose to the host through the installed api: its token for transfer.send. */
export function shareFile(file: File): Promise<ChosenFile> {
  if (!installed) return Promise.reject(new CallError({ code: 'internal', message: 'Causette is not connected yet.', params: { context: 'notYet' } }));
  return installed.shareFile(file);
}

/** Listens to a contract event through the installed api; returns the way to stop. */
export function listen<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  return installed ? installed.on(name, listener) : () => undefined;
}

/** The message to show for anything a call threw: a contract error in the user's language. */
export function messageOf(error: unknown): string {
  if (error instanceof CallError) return errorText(error);
  return error instanceof Error ? error.message : String(error);
}

/** Browser mode: a copy of a received file into the browser's downloads, through the installed api. */
export function saveCopy(transferId: string, name: string): Promise<void> {
  return installed ? installed.saveCopy(transferId, name) : Promise.reject(new Error('Causette is not connected.'));
}

/** A finished download's image preview through the installed api; undefined when there is none. */
export function downloadedImage(transferId: string): Promise<Blob | undefined> {
  return installed ? installed.downloadedImage(transferId) : Promise.resolve(undefined);
}
