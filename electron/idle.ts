// Reports the user's idle time and screen lock to the core, which applies auto-away (XEP-0319 idle time goes out from there).
// Electron's powerMonitor is passed in; 'lock-screen' and 'unlock-screen' exist on macOS and Windows only,
// so the poll also asks getSystemIdleState, which reports a locked screen where the platform can tell.
import type { Logger } from './core/log/logger.ts';

export interface Activity {
  readonly idleSeconds: number;
  readonly locked: boolean;
}

type PowerEvent = 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume';

/** The parts of Electron's powerMonitor the watcher uses. */
export interface IdleSource {
  getSystemIdleTime(): number;
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown';
  on(event: PowerEvent, listener: () => void): unknown;
  removeListener(event: PowerEvent, listener: () => void): unknown;
}

export const idlePollMs = 15_000;
// The contract's bound on idleSeconds (shared/ipc/contract.ts).
const maxIdleSeconds = 10_000_000;

/** Starts polling at once; the returned function stops the timer and the listeners (call it on quit). */
export function watchIdle(power: IdleSource, report: (activity: Activity) => Promise<unknown>, logger: Logger): () => void {
  let screenLocked = false;
  let suspended = false;
  let failing = false;

  // Runs from a timer or an OS event: a failing report must not become an uncaught exception.
  const send = async (activity: Activity): Promise<void> => {
    try {
      await report(activity);
      failing = false;
    } catch (error) {
      // Every 15 s would flood the log: one line per run of failures.
      if (!failing) logger.warn('Could not report idle time to the core', { error: String(error) });
      failing = true;
    }
  };
  const systemLocked = (): boolean => power.getSystemIdleState(1) === 'locked';
  const poll = (): void => {
    const idleSeconds = Math.min(Math.max(Math.floor(power.getSystemIdleTime()), 0), maxIdleSeconds);
    void send({ idleSeconds, locked: screenLocked || suspended || systemLocked() });
  };

  const handlers: Record<PowerEvent, () => void> = {
    'lock-screen': () => {
      screenLocked = true;
      poll();
    },
    suspend: () => {
      suspended = true;
      poll();
    },
    'unlock-screen': () => {
      screenLocked = false;
      void send({ idleSeconds: 0, locked: suspended });
    },
    // Waking up is activity, but a screen locked before the sleep is still locked.
    resume: () => {
      suspended = false;
      void send({ idleSeconds: 0, locked: screenLocked || systemLocked() });
    },
  };
  for (const [event, handler] of Object.entries(handlers) as [PowerEvent, () => void][]) power.on(event, handler);
  const timer = setInterval(poll, idlePollMs);
  poll();

  return () => {
    clearInterval(timer);
    for (const [event, handler] of Object.entries(handlers) as [PowerEvent, () => void][]) power.removeListener(event, handler);
  };
}
