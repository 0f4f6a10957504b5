// XEdDSA signing against python3-xeddsa (libxeddsa in C, what python-omemo uses): our signatures verify there under the
// Ed25519 key it converts from the Curve25519 one with the sign bit 0, and our conversion is the same as its own.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { montgomeryToEdwards, xeddsaSign } from '../../electron/core/omemo/xeddsa-sign.ts';

const script = `
import json, sys, xeddsa
results = []
for case in json.load(sys.stdin):
    pub = bytes.fromhex(case["pub"])
    ed = xeddsa.curve25519_pub_to_ed25519_pub(pub, False)
    results.append({"ed": ed.hex(), "valid": xeddsa.ed25519_verify(bytes.fromhex(case["sig"]), ed, bytes.fromhex(case["msg"]))})
print(json.dumps(results))
`;

describe('XEdDSA with python3-xeddsa', () => {
  it('verifies what we sign, and converts the public key as we do; a tampered signature does not verify', () => {
    const cases = Array.from({ length: 12 }, (_, i) => {
      const pair = generateKeyPairSync('x25519');
      const privateKey = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32));
      const publicKey = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
      const message = Buffer.from(`message ${String(i)} `.repeat(i + 1));
      const signature = Buffer.from(xeddsaSign(privateKey, message));
      // The last case is tampered with: one bit of R flipped.
      if (i === 11) signature[0] = (signature[0] ?? 0) ^ 1;
      return { pub: Buffer.from(publicKey).toString('hex'), msg: message.toString('hex'), sig: signature.toString('hex'), ed: Buffer.from(montgomeryToEdwards(publicKey)).toString('hex') };
    });
    const output = execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(cases) }).toString();
    const results = JSON.parse(output) as { ed: string; valid: boolean }[];
    expect(results.map((r) => r.ed)).toEqual(cases.map((c) => c.ed));
    expect(results.map((r) => r.valid)).toEqual([...Array.from({ length: 11 }, () => true), false]);
  });
});
