// The interface's own words in a language, read from its catalogues, so that a test can find controls in French too.
import en from '../../shared/i18n/en.json' with { type: 'json' };
import fr from '../../shared/i18n/fr.json' with { type: 'json' };

export type Say = (key: string, values?: Readonly<Record<string, string | number>>) => string;

export function words(language: 'en' | 'fr'): Say {
  const catalogue: unknown = language === 'en' ? en : fr;
  return (key, values = {}) => {
    let node = catalogue;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') throw new Error(`The ${language} catalogue has no “${key}”.`);
    return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => String(values[name] ?? `{{${name}}}`));
  };
}
