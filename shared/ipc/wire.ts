// Frames of the browser-mode WebSocket: the same contract as Electron's IPC, as JSON.
import { z } from 'zod';

export const ClientFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  command: z.string().max(64),
  payload: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'event'; event: string; payload: unknown };

/** The WebSocket path; the one-time token travels as the "token" query parameter. */
export const socketPath = '/ipc';

/** Where the browser mode's page hands the host a file the user chose (POST, the token in a header); the host answers its ChosenFile. */
export const filesPath = '/files';
export const fileTokenHeader = 'x-causette-token';
export const fileNameHeader = 'x-file-name';
/** Where the page reads a finished download's image preview: GET <downloadsPath><transfer id> (in browser mode, the token in the header above). */
export const downloadsPath = '/downloads/';
/** Browser mode: POST <savesPath><transfer id> (the token in the header above) answers a one-time GET <savedPath><ticket>, a copy of the received file. */
export const savesPath = '/saves/';
export const savedPath = '/saved/';

/** Electron's channel names for the same frames, and for a chosen file's path (from the preload only). */
export const ipcChannels = { invoke: 'causette:invoke', event: 'causette:event', file: 'causette:file' } as const;
