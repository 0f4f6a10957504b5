// RFC 6120 §8.3.2: a stanza error's condition is the <error/> child in the stanzas namespace, with an optional <text/>.
import type { Element } from '@xmpp/xml';
import { NS_STANZAS } from './iq-router.ts';

export interface StanzaErrorParts {
  readonly condition: string;
  readonly text?: string;
}

/** The condition and text of an error stanza; `undefined-condition` when the sender gave none. */
export function stanzaErrorOf(stanza: Element): StanzaErrorParts {
  const error = stanza.getChild('error');
  const condition = error?.getChildElements().find((child) => child.attrs.xmlns === NS_STANZAS && child.name !== 'text')?.name ?? 'undefined-condition';
  const text = error?.getChildText('text', NS_STANZAS)?.trim();
  return { condition, ...(text ? { text } : {}) };
}
