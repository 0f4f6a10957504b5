// A file's size for people: bytes, kB, MB or GB (powers of 1000, as file managers show them), in the reader's language.

const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

export function byteSize(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
}
