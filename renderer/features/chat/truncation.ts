// The line under a body too long to keep whole: how much the core kept and cut, in the reader's language.
import type { Message } from '../../../shared/model/message.ts';
import { i18n, locale } from '../../i18n/index.ts';

/** Undefined when the body is whole. */
export function truncationNote(message: Pick<Message, 'body' | 'bodyCut'>): string | undefined {
  if (message.bodyCut === undefined) return undefined;
  const count = new Intl.NumberFormat(locale());
  return i18n.t('message.truncated', { kept: count.format(message.body.length), cut: count.format(message.bodyCut) });
}
