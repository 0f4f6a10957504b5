import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/en.json' with { type: 'json' };
import fr from '../../../shared/i18n/fr.json' with { type: 'json' };
import { methodText, percentOf, speedText, stateText, timeLeftText, withheldText } from '../../../renderer/features/transfers/transfer-words.ts';

const words = i18next.createInstance();
beforeAll(() => words.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } }));

describe('a transfer’s figures in words', () => {
  it('says why a Jingle transfer is not direct, only while it is not', () => {
    const t = words.getFixedT('en');
    expect(withheldText({ method: 'proxy', directWithheld: 'notMutual' }, 'Bob', t)).toBe('Not direct: Bob is not a mutual contact, so your IP address is kept from them.');
    expect(withheldText({ method: 'in-band', directWithheld: 'setting' }, 'Bob', t)).toBe('Not direct: direct file transfers are off in Settings, so your IP address stays hidden.');
    expect(withheldText({ method: 'direct', directWithheld: 'notMutual' }, 'Bob', t)).toBeUndefined();
    expect(withheldText({ method: 'proxy' }, 'Bob', t)).toBeUndefined();
    expect(withheldText({ method: 'proxy', directWithheld: 'notMutual' }, 'Bob', words.getFixedT('fr'))).toBe('Pas en direct\u202f: Bob n’est pas un contact mutuel, votre adresse IP lui reste donc cachée.');
  });

  it('says the percent, full once done, never over 100', () => {
    expect(percentOf({ done: 0, size: 0, state: 'active' })).toBe(0);
    expect(percentOf({ done: 0, size: 0, state: 'done' })).toBe(100);
    expect(percentOf({ done: 999, size: 1_000, state: 'active' })).toBe(99);
    expect(percentOf({ done: 2_000, size: 1_000, state: 'active' })).toBe(100);
  });

  it('says the speed and the time left in seconds, minutes or hours', () => {
    const t = words.getFixedT('en');
    expect(speedText(1_250_000, t, 'en')).toBe('1.3 MB/s');
    expect(speedText(undefined, t, 'en')).toBeUndefined();
    expect(timeLeftText(42, t, 'en')).toBe('42 sec left');
    expect(timeLeftText(125, t, 'en')).toBe('3 min left');
    expect(timeLeftText(5_400, t, 'en')).toBe('1.5 hr left');
    expect(timeLeftText(undefined, t, 'en')).toBeUndefined();
    expect(timeLeftText(42, words.getFixedT('fr'), 'fr')).toBe('encore 42\u202fs');
  });

  it('names the way and the state from the side of the reader', () => {
    const t = words.getFixedT('fr');
    expect(methodText('direct', t)).toBe('Direct');
    expect(methodText('in-band', t)).toBe('Dans le flux (par le serveur)');
    expect(stateText({ state: 'pending', direction: 'in' }, t)).toBe('Proposé');
    expect(stateText({ state: 'done', direction: 'out' }, t)).toBe('Envoyé');
  });
});
