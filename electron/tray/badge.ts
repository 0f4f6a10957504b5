// The unread count on the app icon: the dock or launcher badge (macOS, Linux), an overlay dot on the taskbar button (Windows).
import type { Translate } from '../i18n/words.ts';

export interface BadgeTargets<Image> {
  readonly platform: NodeJS.Platform;
  readonly app: { setBadgeCount(count: number): boolean };
  /** The main window, when there is one (Windows draws the overlay on its taskbar button). */
  readonly window: () => { setOverlayIcon(overlay: Image | null, description: string): void } | undefined;
  /** Makes the overlay image from the dot's pixels. */
  readonly image: (bitmap: Buffer, size: number) => Image;
  /** The shell's words in the current language (main.ts calls reapply() when it changes). */
  readonly t: Translate;
}

export interface Badge {
  set(count: number): void;
  /** Draws the current count again, e.g. on a new window or in a new language. */
  reapply(): void;
}

export const OVERLAY_SIZE = 16;

/** Screen readers announce the overlay with this text. */
export function badgeDescription(count: number, t: Translate): string {
  return t('shell.badge.unread', { count });
}

/** A filled red circle, 4 bytes a pixel in Windows' BGRA order, transparent around it. */
export function dotBitmap(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (Math.hypot(x - centre, y - centre) > radius - 0.5) continue;
      pixels.set([0x30, 0x30, 0xd0, 0xff], (y * size + x) * 4);
    }
  }
  return pixels;
}

export function createBadge<Image>(targets: BadgeTargets<Image>): Badge {
  let count = 0;
  let overlay: Image | undefined;
  const apply = (): void => {
    if (targets.platform !== 'win32') {
      targets.app.setBadgeCount(count);
      return;
    }
    if (count > 0) overlay ??= targets.image(dotBitmap(OVERLAY_SIZE), OVERLAY_SIZE);
    targets.window()?.setOverlayIcon(count > 0 && overlay !== undefined ? overlay : null, count > 0 ? badgeDescription(count, targets.t) : '');
  };
  return {
    set(next) {
      if (next === count) return;
      count = next;
      apply();
    },
    reapply: apply,
  };
}
