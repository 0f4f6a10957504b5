import { describe, expect, it } from 'vitest';
import { addSample, secondsLeft, speedOf, type Sample } from '../../../renderer/features/transfers/rate.ts';

const feed = (points: readonly [number, number][]) => points.reduce<readonly Sample[]>((samples, [at, done]) => addSample(samples, { at, done }, 4_000), []);

describe('a transfer’s speed and time left', () => {
  it('measures bytes per second over the last seconds, not since the start', () => {
    // 1 MB/s for 10 s, then 100 kB/s: the speed is the recent one.
    const samples = feed([
      [0, 0],
      [5_000, 5_000_000],
      [10_000, 10_000_000],
      [12_000, 10_200_000],
      [14_000, 10_400_000],
    ]);
    expect(samples.map((sample) => sample.at)).toEqual([10_000, 12_000, 14_000]);
    expect(speedOf(samples)).toBe(100_000);
    expect(secondsLeft(11_000_000, 10_400_000, speedOf(samples))).toBe(6);
  });

  it('says nothing before half a second of progress, nor when stalled', () => {
    expect(speedOf(feed([[0, 0]]))).toBeUndefined();
    expect(speedOf(feed([[0, 0], [400, 1_000]]))).toBeUndefined();
    expect(secondsLeft(1_000, 0, undefined)).toBeUndefined();
    expect(secondsLeft(1_000, 500, 0)).toBeUndefined();
    expect(secondsLeft(1_000, 1_000, 50)).toBe(0);
  });

  it('starts again when the progress goes back (a retried transfer)', () => {
    const samples = feed([
      [0, 0],
      [1_000, 500_000],
      [2_000, 100],
      [3_000, 200_100],
    ]);
    expect(samples.map((sample) => sample.done)).toEqual([100, 200_100]);
    expect(speedOf(samples)).toBe(200_000);
  });
});
