import { describe, expect, it } from 'vitest';
import { redactStanza } from '../../../electron/core/log/redact.ts';

describe('stanza redaction', () => {
  const auth = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>biwsbj1hbGljZQ==</auth>";
  const response = "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>Yz1iaXdzLHI9</response>";
  const register = "<iq type='set'><query xmlns='jabber:iq:register'><username>alice</username><password>hunter2</password></query></iq>";
  const message = "<message to='bob@localhost'><body>meet at 6</body></message>";

  it('logs nothing when debug logging is off', () => {
    expect(redactStanza(message, 'off')).toBeUndefined();
  });

  it('never logs SASL payloads or registration passwords, even in full debug', () => {
    for (const level of ['stanzas', 'full'] as const) {
      expect(redactStanza(auth, level)).toBe("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-256'>[redacted]</auth>");
      expect(redactStanza(response, level)).not.toContain('Yz1iaXdz');
      expect(redactStanza(register, level)).not.toContain('hunter2');
      expect(redactStanza(register, level)).toContain('<username>alice</username>');
    }
  });

  it('hides message bodies unless full debug is chosen', () => {
    expect(redactStanza(message, 'stanzas')).toBe("<message to='bob@localhost'><body>[redacted]</body></message>");
    expect(redactStanza(message, 'full')).toBe(message);
  });
});
