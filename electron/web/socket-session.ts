// One browser tab's WebSocket: frames in are contract calls, frames out are results and core events.
import type { RawData, WebSocket } from 'ws';
import { ClientFrameSchema, type ServerFrame } from '../../shared/ipc/wire.ts';
import type { Dispatch } from '../../shared/ipc/dispatch.ts';
import type { Core } from '../core/core-api.ts';
import type { Logger } from '../core/log/logger.ts';

export function serveSocket(socket: WebSocket, core: Core, dispatch: Dispatch, logger: Logger): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = core.onEvent((event, payload) => send({ kind: 'event', event, payload }));
  /** This tab last said it was showing a conversation. */
  let showing = false;

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.close(1003, 'text frames only');
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(text(data));
    } catch {
      logger.warn('browser mode: a frame that is not JSON was refused');
      return;
    }
    const parsed = ClientFrameSchema.safeParse(frame);
    if (!parsed.success) {
      logger.warn('browser mode: a malformed frame was refused');
      return;
    }
    const { id, command, payload } = parsed.data;
    if (command === 'ui.visibleConversation') showing = typeof payload === 'object' && payload !== null && 'conversation' in payload;
    void dispatch(command, payload).then((result) => send({ kind: 'result', id, result }));
  });
  socket.on('close', () => {
    unsubscribe();
    // A closed tab shows nothing any more: its conversation gets notifications again.
    if (showing) void dispatch('ui.visibleConversation', {});
  });
  socket.on('error', (error) => logger.warn('browser mode: socket error', { error: error.message }));
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}
