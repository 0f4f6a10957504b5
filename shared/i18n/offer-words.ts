// The words of a file offer's notification (XEP-0234), for whichever host shows it (the desktop shell, the browser mode).
import { byteSize } from './byte-size.ts';

type Translate = (key: string, values: Record<string, string>) => string;

export function offerWords(t: Translate, language: string, offer: { readonly title: string; readonly name: string; readonly file: string; readonly size: number }): { title: string; body: string } {
  return { title: offer.title, body: t('notifications.offerBody', { name: offer.name, file: offer.file, size: byteSize(offer.size, language) }) };
}
