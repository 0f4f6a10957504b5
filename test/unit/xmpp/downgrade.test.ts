import { describe, expect, it } from 'vitest';
import { checkDowngrade } from '../../../electron/core/xmpp/sasl/downgrade.ts';
import { isPermanent } from '../../../electron/core/xmpp/errors.ts';
import { thrownCausetteError } from '../../support/thrown.ts';

const plus = { mechanism: 'SCRAM-SHA-256-PLUS', plusOffered: true };
const scram = { mechanism: 'SCRAM-SHA-1', plusOffered: false };

describe('SASL downgrade protection', () => {
  it('accepts anything for an account that never signed in, or signed in with PLAIN', () => {
    expect(() => checkDowngrade(undefined, ['PLAIN'], 'example.org')).not.toThrow();
    expect(() => checkDowngrade({ mechanism: 'PLAIN', plusOffered: false }, ['PLAIN'], 'example.org')).not.toThrow();
  });

  it('accepts an offer as strong as before, or stronger', () => {
    expect(() => checkDowngrade(plus, ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS'], 'example.org')).not.toThrow();
    expect(() => checkDowngrade(scram, ['SCRAM-SHA-1'], 'example.org')).not.toThrow();
    expect(() => checkDowngrade(scram, ['scram-sha-256', 'PLAIN'], 'example.org')).not.toThrow();
  });

  it('refuses PLAIN only after a SCRAM sign-in, permanently, saying what to do', () => {
    const error = thrownCausetteError(() => checkDowngrade(scram, ['PLAIN'], 'example.org'));
    expect(error.code).toBe('sasl-downgrade');
    expect(isPermanent(error)).toBe(true);
    expect(error.message).toMatch(/^The server example\.org now offers a weaker sign-in than before \(only a clear-text password, where it offered SCRAM\)\./);
    expect(error.message).toMatch(/did not send your password/);
    expect(error.message).toMatch(/remove this account and add it again\.$/);
    expect(thrownCausetteError(() => checkDowngrade(scram, [], 'example.org')).message).toMatch(/no SCRAM any more/);
  });

  it('refuses an offer without -PLUS where -PLUS was offered before', () => {
    const error = thrownCausetteError(() => checkDowngrade(plus, ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'], 'example.org'));
    expect(error.code).toBe('sasl-downgrade');
    expect(error.message).toMatch(/SCRAM without channel binding, where it offered SCRAM-PLUS/);
    // Offered then but not used (no binding in common) still counts: the server's offer is what must not shrink.
    expect(thrownCausetteError(() => checkDowngrade({ mechanism: 'SCRAM-SHA-1', plusOffered: true }, ['SCRAM-SHA-1'], 'example.org')).code).toBe('sasl-downgrade');
  });
});
