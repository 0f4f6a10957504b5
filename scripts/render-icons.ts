// Dev script, run by hand after changing a drawing: `node scripts/render-icons.ts`. Draws the app icon and the
// tray icons (one per presence state, light and dark, 1x and @2x) as SVG and renders them to PNG in Chromium.
// The PNGs are committed; the app and electron-builder read them, never this script.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const assets = join(root, 'assets');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type State = 'online' | 'chat' | 'away' | 'xa' | 'dnd' | 'invisible' | 'offline';
type Variant = 'light' | 'dark';

// The mark on a 16-unit grid, so the 16 px tray icon lands on whole pixels.
// A speech bubble with its tail at the lower left and a "C" cut out of it.
const bubble =
  'M4.5 1.5H10.5A3.5 3.5 0 0 1 14 5V8A3.5 3.5 0 0 1 10.5 11.5H6.5L3 14.5V11.2C1.8 10.6 1 9.4 1 8V5A3.5 3.5 0 0 1 4.5 1.5Z';
const letterC = 'M9.3 4.7A2.6 2.6 0 1 0 9.3 8.3';
const dot = { cx: 12.5, cy: 12.5, r: 3.2, gap: 4.3 };

/** "light" icons sit on a light panel (a dark mark); "dark" icons on a dark panel (a light mark). */
const markColour: Record<Variant, string> = { light: '#263238', dark: '#eceff1' };
const grey: Record<Variant, string> = { light: '#7d8790', dark: '#a7b0b8' };
const stateColour: Record<Exclude<State, 'invisible' | 'offline'>, string> = {
  online: '#2da44e',
  chat: '#2da44e',
  away: '#f2b400',
  xa: '#e8590c',
  dnd: '#d93025',
};

/** The presence dot: filled colour; busy adds a bar (for colour-blind eyes), invisible is a ring, offline grey. */
function presenceDot(state: State, variant: Variant): string {
  const { cx, cy, r } = dot;
  if (state === 'invisible') return `<circle cx="${cx}" cy="${cy}" r="${r - 0.7}" fill="none" stroke="${grey[variant]}" stroke-width="1.3"/>`;
  const fill = state === 'offline' ? grey[variant] : stateColour[state];
  const bar = state === 'dnd' ? `<rect x="${cx - 2}" y="${cy - 0.5}" width="4" height="1" fill="#ffffff"/>` : '';
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>${bar}`;
}

/** The bubble with the C and a ring around the dot knocked out, so any panel colour shows through. */
function mark(id: string, colour: string, opacity: number, withGap: boolean): string {
  const gap = withGap ? `<circle cx="${dot.cx}" cy="${dot.cy}" r="${dot.gap}" fill="#000"/>` : '';
  return [
    `<mask id="${id}" maskUnits="userSpaceOnUse" x="0" y="0" width="16" height="16">`,
    `<rect width="16" height="16" fill="#fff"/>`,
    `<path d="${letterC}" fill="none" stroke="#000" stroke-width="1.7" stroke-linecap="round"/>`,
    gap,
    `</mask>`,
    `<path d="${bubble}" fill="${colour}" fill-opacity="${opacity}" mask="url(#${id})"/>`,
  ].join('');
}

function traySvg(state: State, variant: Variant, size: number): string {
  // Offline dims the bubble too: the state reads at a glance even without colour.
  const opacity = state === 'offline' ? 0.55 : 1;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16">` +
    mark('m', markColour[variant], opacity, true) +
    presenceDot(state, variant) +
    `</svg>`
  );
}

/** The app icon: the same mark, white on an indigo-to-teal tile, with a green dot. */
function appSvg(): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">`,
    `<stop offset="0" stop-color="#4263eb"/><stop offset="1" stop-color="#0c8599"/>`,
    `</linearGradient></defs>`,
    `<rect x="16" y="16" width="480" height="480" rx="108" fill="url(#bg)"/>`,
    `<g transform="translate(80 72) scale(22)">`,
    mark('m', '#ffffff', 1, true),
    presenceDot('online', 'light'),
    `</g>`,
    `</svg>`,
  ].join('\n');
}

const states: readonly State[] = ['online', 'chat', 'away', 'xa', 'dnd', 'invisible', 'offline'];
const variants: readonly Variant[] = ['light', 'dark'];

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const render = async (svg: string, size: number, file: string): Promise<void> => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`  ${relative(root, file)}`);
    };
    await mkdir(join(assets, 'tray'), { recursive: true });
    for (const state of states) {
      for (const variant of variants) {
        // Electron's convention: name.png is 1x, name@2x.png is picked up for 2x screens.
        await render(traySvg(state, variant, 16), 16, join(assets, 'tray', `${state}-${variant}.png`));
        await render(traySvg(state, variant, 32), 32, join(assets, 'tray', `${state}-${variant}@2x.png`));
      }
    }
    const app = appSvg();
    await writeFile(join(assets, 'icon.svg'), `${app}\n`);
    await render(app, 512, join(assets, 'icon.png'));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Could not render the icons: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`It needs Chromium at ${chromiumPath} (set CHROMIUM_PATH to use another).`);
  process.exit(1);
});
