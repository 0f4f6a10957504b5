// An OMEMO identity key's fingerprint (XEP-0384 v0.3.0 §8) in the forms people compare: 64 hex digits, shown in groups of 8.

/** 64 lower-case hex digits from any way of writing them (spaces, colons, upper case, the 05 type byte in front). */
export function normaliseFingerprint(text: string): string | undefined {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  const key = hex.length === 66 && hex.startsWith('05') ? hex.slice(2) : hex;
  return /^[0-9a-f]{64}$/.test(key) ? key : undefined;
}
