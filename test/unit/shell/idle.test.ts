import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idlePollMs, watchIdle, type Activity } from '../../../electron/idle.ts';
import { silentLogger } from '../../../electron/core/log/logger.ts';
import { FakePowerMonitor } from './fake-electron.ts';

function setup() {
  const power = new FakePowerMonitor();
  const reports: Activity[] = [];
  const stop = watchIdle(power, (activity) => {
    reports.push(activity);
    return Promise.resolve(null);
  }, silentLogger);
  return { power, reports, stop };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('idle watcher', () => {
  it('reports the system idle time at start and every 15 seconds', () => {
    const { power, reports } = setup();
    power.idleSeconds = 15;
    vi.advanceTimersByTime(idlePollMs);
    power.idleSeconds = 30;
    vi.advanceTimersByTime(idlePollMs);
    expect(idlePollMs).toBe(15_000);
    expect(reports).toEqual([
      { idleSeconds: 0, locked: false },
      { idleSeconds: 15, locked: false },
      { idleSeconds: 30, locked: false },
    ]);
  });

  it('reports locked at once on lock-screen and suspend', () => {
    const { power, reports } = setup();
    power.idleSeconds = 3;
    power.emit('lock-screen');
    expect(reports.at(-1)).toEqual({ idleSeconds: 3, locked: true });
    vi.advanceTimersByTime(idlePollMs);
    expect(reports.at(-1)).toEqual({ idleSeconds: 3, locked: true });
    power.emit('unlock-screen');
    expect(reports.at(-1)).toEqual({ idleSeconds: 0, locked: false });
    power.emit('suspend');
    expect(reports.at(-1)).toMatchObject({ locked: true });
    power.emit('resume');
    expect(reports.at(-1)).toEqual({ idleSeconds: 0, locked: false });
  });

  it('keeps reporting locked after waking up when the screen was locked before the sleep', () => {
    const { power, reports } = setup();
    power.emit('lock-screen');
    power.emit('suspend');
    power.emit('resume');
    expect(reports.at(-1)).toEqual({ idleSeconds: 0, locked: true });
    power.emit('unlock-screen');
    expect(reports.at(-1)).toEqual({ idleSeconds: 0, locked: false });
  });

  it('sees a locked screen through the idle state where no lock event exists (Linux)', () => {
    const { power, reports } = setup();
    power.idleState = 'locked';
    vi.advanceTimersByTime(idlePollMs);
    expect(reports.at(-1)).toMatchObject({ locked: true });
  });

  it('stops polling and listening when stopped', () => {
    const { power, reports, stop } = setup();
    stop();
    vi.advanceTimersByTime(idlePollMs * 4);
    power.emit('lock-screen');
    expect(reports).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(power.listenerCount('resume')).toBe(0);
  });

  it('logs a failing report once per run of failures', async () => {
    const power = new FakePowerMonitor();
    const warnings: string[] = [];
    const stop = watchIdle(power, () => Promise.reject(new Error('no handler')), { ...silentLogger, warn: (message) => void warnings.push(message) });
    await vi.advanceTimersByTimeAsync(idlePollMs * 3);
    stop();
    expect(warnings).toEqual(['Could not report idle time to the core']);
  });
});
