// Turns a picked image into the avatar we publish: the centred square, scaled to 128×128, as PNG base64.
import { i18n } from '../../i18n/index.ts';

export const AVATAR_SIDE = 128;

/** The largest centred square of a width × height image. */
export function centreSquare(width: number, height: number): { x: number; y: number; side: number } {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
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

/** Decodes the file, crops and scales it; throws with a message a person can act on when it is not an image. */
export async function avatarPngBase64(file: Blob): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(i18n.t('avatar.notImage'));
  }
  try {
    const { x, y, side } = centreSquare(bitmap.width, bitmap.height);
    const blob = await canvasPng((context) => {
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, x, y, side, side, 0, 0, AVATAR_SIDE, AVATAR_SIDE);
    });
    return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
  } finally {
    bitmap.close();
  }
}
