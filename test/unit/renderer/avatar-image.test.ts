import { describe, expect, it } from 'vitest';
import { bytesToBase64, centreSquare } from '../../../renderer/features/settings/avatar-image.ts';

describe('the avatar picker’s image', () => {
  it('crops the centred square of a wide or tall picture', () => {
    expect(centreSquare(640, 480)).toEqual({ x: 80, y: 0, side: 480 });
    expect(centreSquare(300, 801)).toEqual({ x: 0, y: 250, side: 300 });
    expect(centreSquare(128, 128)).toEqual({ x: 0, y: 0, side: 128 });
  });

  it('encodes the PNG bytes as base64, large ones included', () => {
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    const large = new Uint8Array(100_000).map((_, index) => index % 251);
    expect(bytesToBase64(large)).toBe(Buffer.from(large).toString('base64'));
  });
});
