// XEP-0392 (Consistent Color Generation) §5: a JID's colour, the same in every client that follows the XEP.
import { hsluvToRgb } from './hsluv.ts';
import { sha1 } from './sha1.ts';

export type Rgb = readonly [number, number, number];

/** XEP-0392 §5.1: SHA-1 of the UTF-8 text; its first two bytes as a little-endian 16-bit number, mapped to 0–360°. */
export function hueAngle(text: string): number {
  const digest = sha1(new TextEncoder().encode(text));
  const value = (digest[0] ?? 0) | ((digest[1] ?? 0) << 8);
  return (value / 65536) * 360;
}

/** XEP-0392 §5.4: HSLuv with saturation 100 and lightness 50. */
export function consistentColour(text: string): Rgb {
  return hsluvToRgb(hueAngle(text), 100, 50);
}

function linear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance. */
function luminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two colours, from 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** XEP-0392 §3.3 draws the initial in white or black: whichever contrasts more with the colour. */
export function textColourOn(colour: Rgb): 'white' | 'black' {
  const lum = luminance(colour);
  return (1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? 'white' : 'black');
}

export function cssColour([r, g, b]: Rgb): string {
  const byte = (channel: number) => Math.round(channel * 255);
  return `rgb(${byte(r)} ${byte(g)} ${byte(b)})`;
}

/** The first character of the name (a whole code point, so emoji survive), upper-cased. */
export function initialOf(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '?' : first.toLocaleUpperCase();
}
