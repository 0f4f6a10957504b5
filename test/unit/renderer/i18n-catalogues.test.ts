import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/ipc/errors.ts';
import { languages, type Language } from '../../../shared/i18n/language.ts';
import en from '../../../shared/i18n/en.json' with { type: 'json' };
import fr from '../../../shared/i18n/fr.json' with { type: 'json' };

const root = resolve(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text);
  }
  return flat;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string) => key.replace(pluralSuffix, '');
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();
const tags = (text: string) => [...text.matchAll(/<(\w+)>/g)].map((match) => match[1]).sort();

const rendererFiles = sources(join(root, 'renderer')).filter((path) => !relative(root, path).startsWith(join('renderer', 'i18n')));
/** The Electron shell (tray, badge, dialogs); the core has no words of its own, its errors are looked up by code. */
const shellFiles = sources(join(root, 'electron')).filter((path) => !relative(root, path).startsWith(join('electron', 'core')));
const keysIn = (files: readonly string[]) => {
  const text = files.map((path) => readFileSync(path, 'utf8')).join('\n');
  return [...text.matchAll(/\bt\(\s*'([^']+)'/g), ...text.matchAll(/i18nKey="([^"]+)"/g)].map((match) => match[1] ?? '');
};
const shellUsed = new Set(keysIn(shellFiles));
/** Words both hosts say alike (a notification's), written once in shared/i18n. */
const sharedFiles = sources(join(root, 'shared', 'i18n'));
/** Every key the renderer and the shell ask for: t('…'), i18n.t('…') and <Trans i18nKey="…">. */
const used = new Set([...keysIn(rendererFiles), ...shellUsed, ...keysIn(sharedFiles)]);
const flat: Readonly<Record<Language, Map<string, string>>> = { en: flatten(en), fr: flatten(fr) };

/** The (code, context) pairs the core and the renderer raise, read from their sources. */
function raisedContexts(): Set<string> {
  const pairs = new Set<string>();
  const files = [...sources(join(root, 'electron')), ...rendererFiles];
  for (const text of files.map((path) => readFileSync(path, 'utf8'))) {
    for (const match of text.matchAll(/(?:new CausetteError\(\s*|code: )'([a-z-]+)'/g)) {
      // The call ends at the first line ending in ";" (a ";" inside a message is mid-line).
      const rest = text.slice(match.index);
      const call = rest.slice(0, rest.search(/;\s*$/m) + 1);
      const context = /context: '(\w+)'/.exec(call)?.[1];
      if (context !== undefined) pairs.add(`${match[1]}_${context}`);
    }
  }
  return pairs;
}

describe('the translation catalogues', () => {
  it('have every key the renderer and the shell use, in both languages', () => {
    expect(used.size).toBeGreaterThan(200);
    expect(shellUsed.size).toBeGreaterThan(15);
    for (const language of languages) {
      const bases = new Set([...flat[language].keys()].map(baseOf));
      const missing = [...used].filter((key) => !bases.has(key));
      expect(missing, `missing in ${language}`).toEqual([]);
    }
  });

  it('have no key that neither the renderer nor the shell uses (the core errors aside, which are looked up by code)', () => {
    for (const language of languages) {
      const unused = [...flat[language].keys()].map(baseOf).filter((key) => !key.startsWith('errors.') && !used.has(key));
      expect(unused, `unused in ${language}`).toEqual([]);
    }
  });

  it('have the same keys in English and French, with each language’s own plural forms (Intl.PluralRules)', () => {
    const bases = (language: Language) => new Set([...flat[language].keys()].map(baseOf));
    expect([...bases('fr')].sort()).toEqual([...bases('en')].sort());
    for (const language of languages) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories.filter((category) => category !== 'zero' && category !== 'two' && category !== 'few');
      const plurals = new Set([...flat[language].keys()].filter((key) => pluralSuffix.test(key)).map(baseOf));
      for (const base of plurals) {
        const forms = [...flat[language].keys()].filter((key) => baseOf(key) === base && key !== base).map((key) => pluralSuffix.exec(key)?.[1]);
        expect(forms.sort(), `${language} ${base}`).toEqual([...categories].sort());
      }
    }
  });

  it('interpolate the same variables and markup in both languages', () => {
    for (const [key, english] of flat.en) {
      const french = flat.fr.get(key) ?? flat.fr.get(`${baseOf(key)}_other`);
      expect(french, key).toBeTypeOf('string');
      expect(variables(french ?? ''), key).toEqual(variables(english));
      expect(tags(french ?? ''), key).toEqual(tags(english));
    }
  });

  it('say every error code of the contract, and every case the core raises, in both languages', () => {
    const raised = raisedContexts();
    expect(raised.size).toBeGreaterThan(30);
    for (const language of languages) {
      for (const code of errorCodes) expect(flat[language].has(`errors.${code}`), `${language} errors.${code}`).toBe(true);
      for (const pair of raised) expect(flat[language].has(`errors.${pair}`), `${language} errors.${pair}`).toBe(true);
    }
  });

  it('use French typography: a narrow no-break space before ; : ! ? and inside « »', () => {
    for (const [key, text] of flat.fr) {
      expect(text, key).not.toMatch(/[^\s/][;!?]|[ \u00a0][;:!?»]|«[ \u00a0]/u);
      expect(text, key).not.toMatch(/[“”]/u);
    }
  });
});
