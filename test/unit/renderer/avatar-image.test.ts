import { describe, expect, it } from 'vitest';
import { bytesToBase64, centreSquare, cropAround, MAX_ZOOM, panCrop, zoomCrop, zoomOf } from '../../../renderer/features/settings/avatar-image.ts';

describe('the avatar picker’s image', () => {
  it('crops the centred square of a wide or tall picture', () => {
    expect(centreSquare(640, 480)).toEqual({ x: 80, y: 0, side: 480 });
    expect(centreSquare(300, 801)).toEqual({ x: 0, y: 250, side: 300 });
    expect(centreSquare(128, 128)).toEqual({ x: 0, y: 0, side: 128 });
  });

  it('zooms around the square’s centre, from the whole shorter side to a quarter of it', () => {
    const whole = centreSquare(640, 480);
    expect(zoomCrop(640, 480, whole, 2)).toEqual({ x: 200, y: 120, side: 240 });
    expect(zoomCrop(640, 480, whole, 10).side).toBe(480 / MAX_ZOOM);
    expect(zoomCrop(640, 480, whole, 0.5)).toEqual(whole);
    expect(zoomOf(640, 480, { x: 0, y: 0, side: 240 })).toBe(2);
  });

  it('keeps the square inside the picture, whatever centre is asked for', () => {
    expect(cropAround(640, 480, 2, 0, 0)).toEqual({ x: 0, y: 0, side: 240 });
    expect(cropAround(640, 480, 2, 1000, 1000)).toEqual({ x: 400, y: 240, side: 240 });
  });

  it('moves the square against a drag, by the picture’s pixels each screen pixel shows', () => {
    // 240 picture pixels on a 120-pixel view: two per screen pixel; dragging right shows more of the left.
    const crop = { x: 200, y: 120, side: 240 };
    expect(panCrop(640, 480, crop, 30, -10, 120)).toEqual({ x: 140, y: 140, side: 240 });
    // A wide picture at zoom 1 moves sideways only.
    expect(panCrop(640, 480, centreSquare(640, 480), 1000, 1000, 240)).toEqual({ x: 0, y: 0, side: 480 });
  });

  it('encodes the PNG bytes as base64, large ones included', () => {
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
    const large = new Uint8Array(100_000).map((_, index) => index % 251);
    expect(bytesToBase64(large)).toBe(Buffer.from(large).toString('base64'));
  });
});
