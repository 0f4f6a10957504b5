import { describe, expect, it } from 'vitest';
import { checkNewContact } from '../../../renderer/features/contacts/add-contact.ts';

describe('the Add contact form', () => {
  const none = new Set<string>();

  it('normalises the address and keeps the optional name and group', () => {
    expect(checkNewContact(' Bob@Example.ORG ', ' Bob ', ' Friends ', 'alice@example.org', none)).toEqual({
      ok: true,
      value: { jid: 'bob@example.org', name: 'Bob', groups: ['Friends'] },
    });
    expect(checkNewContact('bob@example.org', '', '', 'alice@example.org', none)).toEqual({ ok: true, value: { jid: 'bob@example.org', groups: [] } });
  });

  it('refuses an empty or malformed address, a resource, oneself and a contact already there', () => {
    const message = (address: string) => {
      const checked = checkNewContact(address, '', '', 'alice@example.org/desk', new Set(['carol@example.org']));
      return checked.ok ? undefined : checked.message;
    };
    expect(message('')).toMatch(/Enter/);
    expect(message('bob smith@example.org')).toMatch(/cannot be used/);
    expect(message('bob@example.org/phone')).toMatch(/“\/”/);
    expect(message('Alice@example.org')).toBe('That is your own address.');
    expect(message('carol@example.org')).toBe('carol@example.org is already in your contacts.');
  });

  it('completes a name typed without its server with the user’s own, and leaves server addresses alone', () => {
    expect(checkNewContact('bob', '', '', 'alice@example.org/desk', none)).toEqual({
      ok: false,
      message: 'An address has a server too: did you mean bob@example.org? It is filled in; press Add to add it.',
      suggestion: 'bob@example.org',
    });
    expect(checkNewContact('conference.example.org', '', '', 'alice@example.org', none)).toEqual({ ok: true, value: { jid: 'conference.example.org', groups: [] } });
    expect(checkNewContact('example', '', '', 'alice@example', none)).toEqual({ ok: true, value: { jid: 'example', groups: [] } });
  });
});
