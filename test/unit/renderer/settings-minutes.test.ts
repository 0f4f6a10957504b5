import { describe, expect, it } from 'vitest';
import { parseMinutes } from '../../../renderer/features/settings/minutes.ts';

describe('idle minutes in the settings', () => {
  it('accepts whole minutes from 0 to 1440', () => {
    expect(parseMinutes(' 0 ')).toBe(0);
    expect(parseMinutes('1440')).toBe(1440);
    for (const bad of ['', '-1', '1.5', '1441', 'ten']) expect(typeof parseMinutes(bad)).toBe('string');
  });
});
