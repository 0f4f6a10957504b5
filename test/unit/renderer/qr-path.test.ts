// Our fingerprint's QR code as an SVG path: the size of the version the text needs, the finder patterns in three corners.
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE, qrPath } from '../../../renderer/features/encryption/qr-path.ts';

const uri = `xmpp:alice@example.org?omemo-sid-1234567890=${'0a1b2c3d'.repeat(8)}`;

function darkSet(path: string): Set<string> {
  return new Set([...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((match) => `${match[1] ?? ''},${match[2] ?? ''}`));
}

describe('the QR code of a verification link', () => {
  it('is a square of 4·version + 17 modules with its quiet zone, and only unit squares', () => {
    const { size, path } = qrPath(uri);
    const modules = size - 2 * QUIET_ZONE;
    expect((modules - 17) % 4).toBe(0);
    // 94 bytes at level M need version 5 at least (ISO/IEC 18004 table 7).
    expect(modules).toBeGreaterThanOrEqual(37);
    expect(path).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
  });

  it('has the 7×7 finder pattern in three corners, and none in the fourth', () => {
    const { size, path } = qrPath(uri);
    const dark = darkSet(path);
    const modules = size - 2 * QUIET_ZONE;
    const finder = (x0: number, y0: number) => {
      for (let y = 0; y < 7; y += 1)
        for (let x = 0; x < 7; x += 1) {
          const ring = x === 0 || y === 0 || x === 6 || y === 6;
          const core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
          if (dark.has(`${String(QUIET_ZONE + x0 + x)},${String(QUIET_ZONE + y0 + y)}`) !== (ring || core)) return false;
        }
      return true;
    };
    expect([finder(0, 0), finder(modules - 7, 0), finder(0, modules - 7), finder(modules - 7, modules - 7)]).toEqual([true, true, true, false]);
    expect([...dark].every((cell) => cell.split(',').every((n) => Number(n) >= QUIET_ZONE && Number(n) < size - QUIET_ZONE))).toBe(true);
  });
});
