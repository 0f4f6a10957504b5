// HSLuv → sRGB (https://www.hsluv.org/), the colour space XEP-0392 §5.4 uses; only the direction we need.

// sRGB (D65) from CIE XYZ, and the reference white in CIE Luv.
const m = [
  [3.240969941904521, -1.537383177570093, -0.498610760293],
  [-0.96924363628087, 1.87596750150772, 0.041555057407175],
  [0.055630079696993, -0.20397695888897, 1.056971514242878],
] as const;
const refU = 0.19783000664283;
const refV = 0.46831999493879;
const kappa = 903.2962962;
const epsilon = 0.0088564516;

interface Line {
  readonly slope: number;
  readonly intercept: number;
}

/** The six lines bounding the sRGB gamut in the chroma plane at lightness L. */
function bounds(lightness: number): Line[] {
  const sub1 = (lightness + 16) ** 3 / 1560896;
  const sub2 = sub1 > epsilon ? sub1 : lightness / kappa;
  const lines: Line[] = [];
  for (const [m1, m2, m3] of m) {
    for (const t of [0, 1]) {
      const top1 = (284517 * m1 - 94839 * m3) * sub2;
      const top2 = (838422 * m3 + 769860 * m2 + 731718 * m1) * lightness * sub2 - 769860 * t * lightness;
      const bottom = (632260 * m3 - 126452 * m2) * sub2 + 126452 * t;
      lines.push({ slope: top1 / bottom, intercept: top2 / bottom });
    }
  }
  return lines;
}

function maxChroma(lightness: number, hue: number): number {
  const radians = (hue / 360) * Math.PI * 2;
  let min = Number.POSITIVE_INFINITY;
  for (const line of bounds(lightness)) {
    const length = line.intercept / (Math.sin(radians) - line.slope * Math.cos(radians));
    if (length >= 0) min = Math.min(min, length);
  }
  return min;
}

function fromLinear(channel: number): number {
  return channel <= 0.0031308 ? 12.92 * channel : 1.055 * channel ** (1 / 2.4) - 0.055;
}

/** hue in degrees, saturation and lightness 0–100; each channel 0–1. */
export function hsluvToRgb(hue: number, saturation: number, lightness: number): readonly [number, number, number] {
  if (lightness > 99.9999999) return [1, 1, 1];
  if (lightness < 0.00000001) return [0, 0, 0];
  // HSLuv → LCh(uv) → Luv → XYZ → sRGB.
  const chroma = (maxChroma(lightness, hue) / 100) * saturation;
  const radians = (hue / 180) * Math.PI;
  const u = Math.cos(radians) * chroma;
  const v = Math.sin(radians) * chroma;
  const varU = u / (13 * lightness) + refU;
  const varV = v / (13 * lightness) + refV;
  const y = lightness <= 8 ? lightness / kappa : ((lightness + 16) / 116) ** 3;
  const x = -(9 * y * varU) / ((varU - 4) * varV - varU * varV);
  const z = (9 * y - 15 * varV * y - varV * x) / (3 * varV);
  const [r, g, b] = m.map(([a1, a2, a3]) => Math.min(1, Math.max(0, fromLinear(a1 * x + a2 * y + a3 * z))));
  return [r ?? 0, g ?? 0, b ?? 0];
}
