// What a host (Electron or browser mode) needs to know of the core: how to make one and what it offers.
import type { EventName, EventPayload, Handlers } from '../../shared/ipc/contract.ts';
import type { FileRegistry } from './transfers/files.ts';
import type { Logger } from './log/logger.ts';
import type { SecretBox } from './secrets/secret-box.ts';

export interface CoreOptions {
  /** The profile folder: the SQLite store, logs and secrets live here. */
  readonly profileDir: string;
  readonly secrets: SecretBox;
  readonly version: string;
  /** Extra certificate authorities (PEM) trusted for every account, e.g. a company CA given with --ca. */
  readonly extraCa?: readonly string[];
  /** Overrides the profile's rotating log file (tests). */
  readonly logger?: Logger;
  /** Checks every outgoing event against the contract and fails loudly on a mismatch (issue 9 §1.5); default: unless NODE_ENV=production. */
  readonly checkEvents?: boolean;
  /** XEP-0410: how long a room may be silent before we check that we are still in it; default 15 min (short in tests). */
  readonly mucSelfPingIdleMs?: number;
  /** Where downloaded files go; default: Downloads in the home folder (the desktop app passes the system's). */
  readonly downloadsDir?: string;
  /** The addresses offered as direct Jingle SOCKS5 candidates (XEP-0260); the host's by default. */
  readonly directHosts?: readonly string[];
  /** How an interrupted Jingle transfer goes on by itself after a reconnection (XEP-0234 §6.4); attempts 0 leaves it to the user. */
  readonly autoResume?: { readonly attempts?: number; readonly backoffMs?: number };
  /** The largest file downloaded (bytes); default 1 GiB. */
  readonly maxDownloadBytes?: number;
  /** What the desktop host can do with files on disk (Electron's shell and dialog); the browser mode has none. */
  readonly fileShell?: FileShell;
}

export interface FileShell {
  /** Opens a file with the system's application for it. */
  open(path: string): Promise<void>;
  /** Shows a file selected in the system's file manager. */
  reveal(path: string): void;
  /** Asks the user for a folder; undefined when they cancel. */
  chooseFolder(): Promise<string | undefined>;
}

export type CoreEventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export interface Core {
  readonly handlers: Handlers;
  /** The profile's log, for the host's own lines. */
  readonly logger: Logger;
  onEvent(listener: CoreEventListener): () => void;
  /** Where the host hands over a file the user chose (a drop, the picker): the renderer gets its token, never its path. */
  readonly files: Pick<FileRegistry, 'register'>;
  /** Where a finished download is on disk (the browser-mode host serves it to the page); undefined for any other id. */
  downloadedFile(transferId: string): string | undefined;
  /** Where a finished incoming transfer's file is (a download or a Jingle file); undefined for any other id. */
  receivedFile(transferId: string): string | undefined;
  close(): Promise<void>;
}
