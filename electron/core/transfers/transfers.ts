// Every file transfer of this run, by id: its progress and state for the renderer, and its cancellation. Progress events
// are spaced out (a fast upload would send thousands); the start, the end and every state change go at once.
import { randomUUID } from 'node:crypto';
import type { Transfer } from '../../../shared/model/transfer.ts';

const PROGRESS_EVERY_MS = 100;
/** Finished transfers kept for the transfers panel. */
const KEPT = 200;

export function createTransfers(emit: (transfer: Transfer) => void, now: () => number = Date.now) {
  const transfers = new Map<string, Transfer>();
  const controllers = new Map<string, AbortController>();
  const lastEmitted = new Map<string, number>();

  function publish(transfer: Transfer, force: boolean): void {
    transfers.set(transfer.id, transfer);
    const at = now();
    if (!force && at - (lastEmitted.get(transfer.id) ?? 0) < PROGRESS_EVERY_MS) return;
    lastEmitted.set(transfer.id, at);
    emit(transfer);
  }

  function trim(): void {
    const finished = [...transfers.values()].filter((each) => each.state !== 'active' && each.state !== 'pending');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEPT))) {
      transfers.delete(old.id);
      lastEmitted.delete(old.id);
    }
  }

  return {
    start(fields: Omit<Transfer, 'id' | 'done' | 'state' | 'startedAt'>): { transfer: Transfer; signal: AbortSignal } {
      const transfer: Transfer = { ...fields, id: randomUUID(), done: 0, state: 'pending', startedAt: now() };
      const controller = new AbortController();
      controllers.set(transfer.id, controller);
      publish(transfer, true);
      return { transfer, signal: controller.signal };
    },
    /** A transfer of an earlier run as it ended (an interrupted one, to resume). */
    restore(transfer: Transfer): void {
      if (!transfers.has(transfer.id)) publish(transfer, true);
    },
    /** A finished transfer starts again under the same id (a resumed one), with a new cancellation; undefined if it is gone or under way. */
    restart(id: string, change: Partial<Pick<Transfer, 'method' | 'done'>> = {}): { transfer: Transfer; signal: AbortSignal } | undefined {
      const old = transfers.get(id);
      if (!old || old.state === 'pending' || old.state === 'active') return undefined;
      const transfer: Transfer = { ...old, ...change, state: 'pending' };
      delete transfer.error;
      delete transfer.resumable;
      const controller = new AbortController();
      controllers.set(id, controller);
      publish(transfer, true);
      return { transfer, signal: controller.signal };
    },
    progress(id: string, done: number): void {
      const transfer = transfers.get(id);
      if (transfer && (transfer.state === 'pending' || transfer.state === 'active')) publish({ ...transfer, state: 'active', done }, transfer.state === 'pending');
    },
    update(id: string, change: Partial<Pick<Transfer, 'state' | 'method' | 'url' | 'error' | 'messageId' | 'done' | 'size' | 'name' | 'directWithheld' | 'resumable'>>): void {
      const transfer = transfers.get(id);
      if (!transfer) return;
      publish({ ...transfer, ...change }, true);
      if (change.state !== undefined && change.state !== 'active' && change.state !== 'pending') {
        controllers.delete(id);
        trim();
      }
    },
    cancel(id: string): boolean {
      const controller = controllers.get(id);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    list: (): Transfer[] => [...transfers.values()],
  };
}

export type Transfers = ReturnType<typeof createTransfers>;
