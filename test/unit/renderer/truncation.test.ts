import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/i18n/index.ts';
import { truncationNote } from '../../../renderer/features/chat/truncation.ts';

afterEach(() => i18n.changeLanguage('en'));

describe('the note under a body too long to keep', () => {
  it('says how much was kept and cut, with the numbers in the reader’s language', async () => {
    const message = { body: 'x'.repeat(262_143), bodyCut: 800_000 };
    expect(truncationNote(message)).toBe('This message was too long: Causette kept its first 262,143 characters and cut 800,000.');
    await i18n.changeLanguage('fr');
    expect(truncationNote(message)).toBe('Ce message était trop long\u202f: Causette en a gardé les 262\u202f143 premiers caractères et coupé 800\u202f000.');
  });

  it('is absent for a whole body', () => {
    expect(truncationNote({ body: 'hello' })).toBeUndefined();
  });
});
