// A nickname's XEP-0392 colour as text on the incoming bubble, made darker (light theme) or lighter (dark theme) until it reads at WCAG AA.
import { contrast, cssColour, hueAngle, type Rgb } from '../contacts/colour.ts';
import { hsluvToRgb } from '../contacts/hsluv.ts';

/** The incoming bubble's colour in each theme (--bubble-in in base.css). */
export const bubbleIn = { light: [1, 1, 1], dark: [0x2a / 255, 0x2f / 255, 0x38 / 255] } as const satisfies Record<string, Rgb>;
/** WCAG 2 AA for normal text. */
export const AA = 4.5;

/** XEP-0392 §5.4 allows another lightness for the background: the nearest to 50 that reaches AA, the hue kept. */
export function readableColour(text: string, background: Rgb, towards: 'darker' | 'lighter'): Rgb {
  const hue = hueAngle(text);
  const step = towards === 'darker' ? -2 : 2;
  for (let lightness = 50; lightness >= 0 && lightness <= 100; lightness += step) {
    const colour = hsluvToRgb(hue, 100, lightness);
    if (contrast(colour, background) >= AA) return colour;
  }
  return towards === 'darker' ? [0, 0, 0] : [1, 1, 1];
}

/** Nicknames already coloured: a busy room's every message and occupant row asks again (a SHA-1 and HSLuv each). */
const known = new Map<string, string>();
const knownMax = 5_000;

/** The CSS colour for both themes; light-dark() follows the page's color-scheme. */
export function nickColour(nick: string): string {
  const cached = known.get(nick);
  if (cached !== undefined) return cached;
  const colour = `light-dark(${cssColour(readableColour(nick, bubbleIn.light, 'darker'))}, ${cssColour(readableColour(nick, bubbleIn.dark, 'lighter'))})`;
  if (known.size >= knownMax) known.clear();
  known.set(nick, colour);
  return colour;
}
