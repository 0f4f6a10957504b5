// The transfers' progress on the taskbar button or dock icon (BrowserWindow.setProgressBar): the bytes of every transfer
// under way over their total; no bar once none is.
import type { Transfer } from '../shared/model/transfer.ts';
import type { Core } from './core/core-api.ts';
import { onCoreEvents } from './tray/core-events.ts';

/** A fraction from 0 to 1, or -1 (Electron's "remove the bar") when no transfer is under way. */
export function taskbarProgress(transfers: Iterable<Transfer>): number {
  let size = 0;
  let done = 0;
  for (const transfer of transfers) {
    if (transfer.state !== 'active') continue;
    size += transfer.size;
    done += Math.min(transfer.done, transfer.size);
  }
  return size === 0 ? -1 : done / size;
}

export function trackTaskbarProgress(core: Pick<Core, 'onEvent'>, window: () => { setProgressBar(progress: number): void } | undefined): () => void {
  const active = new Map<string, Transfer>();
  let shown = -1;
  return onCoreEvents(core, {
    'transfer.updated': (transfer) => {
      if (transfer.state === 'active') active.set(transfer.id, transfer);
      else active.delete(transfer.id);
      const progress = taskbarProgress(active.values());
      // Whole per cents: a fast transfer's events would otherwise redraw the taskbar each time.
      if (Math.round(progress * 100) === Math.round(shown * 100)) return;
      shown = progress;
      window()?.setProgressBar(progress);
    },
  });
}
