import { describe, expect, it } from 'vitest';
import { badgeDescription, createBadge, dotBitmap, OVERLAY_SIZE } from '../../../electron/tray/badge.ts';
import type { Translate } from '../../../electron/i18n/words.ts';
import { english, french, wordsIn } from './words-in.ts';

function setUp(platform: NodeJS.Platform, withWindow = true, t: Translate = english) {
  const counts: number[] = [];
  const overlays: [string | null, string][] = [];
  let images = 0;
  const badge = createBadge<string>({
    platform,
    app: { setBadgeCount: (count) => counts.push(count) > 0 },
    window: () => (withWindow ? { setOverlayIcon: (overlay, description) => void overlays.push([overlay, description]) } : undefined),
    image: (bitmap, size) => {
      images += 1;
      return `dot ${size} ${bitmap.length}`;
    },
    t,
  });
  return { badge, counts, overlays, images: () => images };
}

describe('the unread badge', () => {
  it('sets the dock or launcher count on macOS and Linux, only when it changes', () => {
    const { badge, counts } = setUp('darwin');
    badge.set(3);
    badge.set(3);
    badge.set(0);
    expect(counts).toEqual([3, 0]);
    const linux = setUp('linux');
    linux.badge.set(1);
    expect(linux.counts).toEqual([1]);
  });

  it('puts a described dot on the Windows taskbar button while something is unread', () => {
    const { badge, counts, overlays, images } = setUp('win32');
    badge.set(2);
    badge.set(1);
    badge.set(0);
    expect(counts).toEqual([]);
    expect(overlays).toEqual([
      [`dot ${OVERLAY_SIZE} ${OVERLAY_SIZE * OVERLAY_SIZE * 4}`, '2 unread messages'],
      [`dot ${OVERLAY_SIZE} ${OVERLAY_SIZE * OVERLAY_SIZE * 4}`, '1 unread message'],
      [null, ''],
    ]);
    expect(images()).toBe(1);
  });

  it('draws the count again on a new window', () => {
    const { badge, overlays } = setUp('win32');
    badge.set(4);
    badge.reapply();
    expect(overlays.map(([, description]) => description)).toEqual(['4 unread messages', '4 unread messages']);
    expect(badgeDescription(1, english)).toBe('1 unread message');
  });

  it('describes the dot in the interface language, and again in a new one', () => {
    expect(badgeDescription(1, french)).toBe('1 message non lu');
    expect(badgeDescription(2, french)).toBe('2 messages non lus');
    const words = wordsIn('en');
    const { badge, overlays } = setUp('win32', true, words.t);
    badge.set(2);
    words.apply('fr');
    badge.reapply();
    expect(overlays.map(([, description]) => description)).toEqual(['2 unread messages', '2 messages non lus']);
  });

  it('without a window on Windows, the count waits for one', () => {
    const { badge, overlays } = setUp('win32', false);
    expect(() => badge.set(2)).not.toThrow();
    expect(overlays).toEqual([]);
  });

  it('the dot is opaque inside the circle and transparent in the corners', () => {
    const bitmap = dotBitmap(16);
    const alpha = (x: number, y: number) => bitmap[(y * 16 + x) * 4 + 3];
    expect(bitmap).toHaveLength(16 * 16 * 4);
    expect(alpha(8, 8)).toBe(0xff);
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(15, 15)).toBe(0);
  });
});
