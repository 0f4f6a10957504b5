// Choosing the square of a picked picture: drag it (or the arrow keys) to move, the zoom (or + and −) to tighten; a
// round preview shows it as contacts will see it. Nothing is published until "Use this picture".
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { centreSquare, MAX_ZOOM, panCrop, zoomCrop, zoomOf, type Crop } from './avatar-image.ts';

/** Screen pixels an arrow key moves the picture by, and the zoom step of + and −. */
const KEY_STEP = 12;
const ZOOM_STEP = 0.25;

interface AvatarCropperProps {
  readonly image: ImageBitmap;
  readonly busy: boolean;
  readonly onUse: (crop: Crop) => void;
  readonly onCancel: () => void;
}

function draw(canvas: HTMLCanvasElement | null, image: ImageBitmap, crop: Crop): void {
  if (!canvas) return;
  const pixels = Math.round(canvas.clientWidth * (window.devicePixelRatio || 1));
  if (canvas.width !== pixels) canvas.width = canvas.height = pixels;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, crop.x, crop.y, crop.side, crop.side, 0, 0, pixels, pixels);
}

export function AvatarCropper({ image, busy, onUse, onCancel }: AvatarCropperProps) {
  const id = useId();
  const { t } = useTranslation();
  const { width, height } = image;
  const [crop, setCrop] = useState<Crop>(() => centreSquare(width, height));
  const view = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const dragging = useRef<{ x: number; y: number }>(undefined);

  useEffect(() => {
    draw(view.current, image, crop);
    draw(preview.current, image, crop);
  }, [image, crop]);

  const pan = (dx: number, dy: number) => setCrop((current) => panCrop(width, height, current, dx, dy, view.current?.clientWidth ?? 1));
  const zoomTo = (zoom: number) => setCrop((current) => zoomCrop(width, height, current, zoom));

  function onPointerDown(event: PointerEvent<HTMLCanvasElement>) {
    event.currentTarget.setPointerCapture(event.pointerId);
    dragging.current = { x: event.clientX, y: event.clientY };
  }
  function onPointerMove(event: PointerEvent<HTMLCanvasElement>) {
    const last = dragging.current;
    if (!last) return;
    pan(event.clientX - last.x, event.clientY - last.y);
    dragging.current = { x: event.clientX, y: event.clientY };
  }
  function onKeyDown(event: KeyboardEvent<HTMLCanvasElement>) {
    const moves: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [-KEY_STEP, 0], ArrowRight: [KEY_STEP, 0], ArrowUp: [0, -KEY_STEP], ArrowDown: [0, KEY_STEP] };
    const move = moves[event.key];
    if (move) pan(...move);
    else if (event.key === '+' || event.key === '=') zoomTo(zoomOf(width, height, crop) + ZOOM_STEP);
    else if (event.key === '-' || event.key === '−') zoomTo(zoomOf(width, height, crop) - ZOOM_STEP);
    else return;
    event.preventDefault();
  }

  return (
    <div className="avatar-crop" role="group" aria-labelledby={`${id}-crop`}>
      <canvas
        ref={view}
        className="crop-view"
        tabIndex={0}
        role="img"
        id={`${id}-crop`}
        aria-label={t('avatar.crop')}
        aria-describedby={`${id}-hint`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (dragging.current = undefined)}
        onPointerCancel={() => (dragging.current = undefined)}
        onKeyDown={onKeyDown}
      />
      <div className="stack">
        <div className="field">
          <span className="label" id={`${id}-preview`}>
            {t('avatar.preview')}
          </span>
          <canvas ref={preview} className="crop-preview" role="img" aria-labelledby={`${id}-preview`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-zoom`}>{t('avatar.zoom')}</label>
          <input
            id={`${id}-zoom`}
            type="range"
            min={1}
            max={MAX_ZOOM}
            step={0.05}
            value={zoomOf(width, height, crop)}
            onChange={(event) => zoomTo(Number(event.target.value))}
          />
        </div>
        <p id={`${id}-hint`} className="hint">
          {t('avatar.cropHint')}
        </p>
      </div>
      <div className="actions start crop-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => onUse(crop)}>
          {t('avatar.use')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
