// Which downloaded files the window may show as a preview: raster images only (an SVG can carry scripts), served to our
// own page with their type and nosniff, read from where the download put them.
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { mediaTypeOf } from '../media-type.ts';

const PREVIEWED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** The media type to serve a preview with, or undefined when the file is not one to preview. */
export function previewType(path: string): string | undefined {
  const type = mediaTypeOf(path);
  return PREVIEWED.has(type) ? type : undefined;
}

export interface Preview {
  readonly path: string;
  readonly type: string;
  readonly size: number;
  readonly open: () => ReadStream;
}

/** The preview of a finished download at `path`, if it is an image still there. */
export async function previewOf(path: string | undefined): Promise<Preview | undefined> {
  if (path === undefined) return undefined;
  const type = previewType(path);
  const info = await stat(path).catch(() => undefined);
  if (type === undefined || !info?.isFile()) return undefined;
  return { path, type, size: info.size, open: () => createReadStream(path) };
}
