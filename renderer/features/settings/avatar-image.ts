// Turns a picked image into the avatar we publish: the square the user chose (the centred one at first), scaled to
// 128×128, as PNG base64.
import { i18n } from '../../i18n/index.ts';

export const AVATAR_SIDE = 128;
/** How far in the crop can zoom: the square's side down to a quarter of the picture's shorter side. */
export const MAX_ZOOM = 4;

/** A square of the picture, in its pixels. */
export interface Crop {
  readonly x: number;
  readonly y: number;
  readonly side: number;
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/** The largest centred square of a width × height image. */
export function centreSquare(width: number, height: number): Crop {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/** The square at this zoom (1: the largest that fits) around the wanted centre, moved back inside the picture. */
export function cropAround(width: number, height: number, zoom: number, centreX: number, centreY: number): Crop {
  const side = Math.min(width, height) / clamp(zoom, 1, MAX_ZOOM);
  return { x: clamp(centreX - side / 2, 0, width - side), y: clamp(centreY - side / 2, 0, height - side), side };
}

/** The zoom a crop is at. */
export const zoomOf = (width: number, height: number, crop: Crop): number => Math.min(width, height) / crop.side;

/** The same centre at another zoom. */
export const zoomCrop = (width: number, height: number, crop: Crop, zoom: number): Crop =>
  cropAround(width, height, zoom, crop.x + crop.side / 2, crop.y + crop.side / 2);

/**
 * A drag of dx, dy screen pixels over a view `view` pixels wide: the picture follows the pointer, so the square moves
 * the other way, by as many of the picture's pixels as the view shows per screen pixel.
 */
export function panCrop(width: number, height: number, crop: Crop, dx: number, dy: number, view: number): Crop {
  const scale = crop.side / view;
  return cropAround(width, height, zoomOf(width, height, crop), crop.x + crop.side / 2 - dx * scale, crop.y + crop.side / 2 - dy * scale);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

async function canvasPng(draw: (context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D) => void): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(AVATAR_SIDE, AVATAR_SIDE);
    const context = canvas.getContext('2d');
    if (!context) throw new Error(i18n.t('avatar.noCanvas'));
    draw(context);
    return canvas.convertToBlob({ type: 'image/png' });
  }
  const canvas = document.createElement('canvas');
  canvas.width = AVATAR_SIDE;
  canvas.height = AVATAR_SIDE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error(i18n.t('avatar.noCanvas'));
  draw(context);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(i18n.t('avatar.notConverted')))), 'image/png'));
}

/** Decodes the picked file; throws with a message a person can act on when it is not an image. */
export async function decodeImage(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file);
  } catch {
    throw new Error(i18n.t('avatar.notImage'));
  }
}

/** The chosen square, scaled to AVATAR_SIDE, as PNG base64. */
export async function avatarPngBase64(image: ImageBitmap, crop: Crop): Promise<string> {
  const blob = await canvasPng((context) => {
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, crop.x, crop.y, crop.side, crop.side, 0, 0, AVATAR_SIDE, AVATAR_SIDE);
  });
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}
