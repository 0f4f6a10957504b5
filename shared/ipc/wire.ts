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

/** Electron's channel names for the same frames. */
export const ipcChannels = { invoke: 'causette:invoke', event: 'causette:event' } as const;
