import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/ipc/errors.ts';
import { errorText } from '../../../renderer/i18n/errors.ts';
import { i18n } from '../../../renderer/i18n/index.ts';
import { languageFor, preferredLanguage } from '../../../shared/i18n/language.ts';
import { agoLabel } from '../../../renderer/features/presence/labels.ts';
import { dayLabel } from '../../../renderer/features/chat/days.ts';

afterEach(() => i18n.changeLanguage('en'));

describe('the interface language', () => {
  it('follows the first preferred language Causette speaks, English otherwise', () => {
    expect(preferredLanguage(['fr-CA', 'en-US'])).toBe('fr');
    expect(preferredLanguage(['de-DE', 'en-GB', 'fr'])).toBe('en');
    expect(preferredLanguage(['de-DE', 'FR'])).toBe('fr');
    expect(preferredLanguage([])).toBe('en');
  });

  it('is the system’s under "system", else the one chosen', () => {
    expect(languageFor('system', ['fr-FR'])).toBe('fr');
    expect(languageFor('en', ['fr-FR'])).toBe('en');
    expect(languageFor('fr', ['en-US'])).toBe('fr');
  });

  it('words plurals and relative times with Intl in the current language', async () => {
    await i18n.changeLanguage('fr');
    expect(i18n.t('search.found', { count: 1 })).toBe('1 message trouvé');
    expect(i18n.t('search.found', { count: 3 })).toBe('3 messages trouvés');
    expect(agoLabel(0, 2 * 86_400_000)).toBe('il y a 2 jours');
    const now = new Date(2026, 10, 23, 12).getTime();
    expect(dayLabel(new Date(2026, 10, 22, 9).getTime(), now, 'fr')).toBe('Hier');
    await i18n.changeLanguage('en');
    expect(i18n.t('search.found', { count: 1 })).toBe('1 message found');
    expect(agoLabel(0, 2 * 86_400_000)).toBe('2 days ago');
  });
});

describe('a core error in the interface', () => {
  const timeout = { code: 'timeout', message: 'The core’s English.', params: { context: 'signIn', domain: 'example.org', seconds: 30 } } as const;

  it('is translated from its code and parameters', async () => {
    expect(errorText(timeout)).toBe('The server for example.org did not complete the sign-in within 30 s.');
    await i18n.changeLanguage('fr');
    expect(errorText(timeout)).toBe('Le serveur de example.org n’a pas terminé la connexion en 30\u202fs.');
  });

  it('falls back to its code’s general words for a case without its own, and quotes the server', async () => {
    await i18n.changeLanguage('fr');
    expect(errorText({ code: 'timeout', message: 'x', params: { context: 'unheardOf' } })).toBe('Le serveur n’a pas répondu à temps.');
    expect(errorText({ code: 'not-authorized', message: 'x', params: { context: 'disabled', jid: 'a@b', serverText: 'Nope' } })).toBe(
      'Le compte a@b est désactivé sur le serveur. Le serveur a dit\u202f: «\u202fNope\u202f»',
    );
  });

  it('keeps the core’s sentence for a code the catalogues do not know yet', () => {
    expect(errorText({ code: 'brand-new' as ErrorCode, message: 'Something new happened.' })).toBe('Something new happened.');
  });
});
