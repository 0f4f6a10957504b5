// The message search's answer: a status line, then one entry per hit with who, when and the matched words marked.
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/model/message.ts';
import { i18n, locale } from '../../i18n/index.ts';
import { useRoster } from '../../stores/roster.ts';
import { displayName } from '../presence/labels.ts';
import { shortDate } from '../../i18n/short-date.ts';
import { snippetParts } from './snippet.ts';
import type { SearchState } from './use-message-search.ts';

interface SearchResultsProps {
  readonly state: SearchState;
  readonly onOpen: (hit: SearchHit) => void;
  /** Arrow up from the first hit: back to the search field. */
  readonly onLeave: () => void;
}

function statusText(state: SearchState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'searching':
      return i18n.t('search.searching');
    case 'failed':
      return i18n.t('search.failed', { reason: state.message });
    case 'done':
      return state.hits.length === 0 ? i18n.t('search.none') : i18n.t('search.found', { count: state.hits.length });
  }
}

/** The snippet as text nodes, each match in a <mark>: a body is never read as markup. */
function Snippet({ snippet }: { readonly snippet: string }) {
  return snippetParts(snippet).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>));
}

export function SearchResults({ state, onOpen, onLeave }: SearchResultsProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const contactsByAccount = useRoster((roster) => roster.byAccount);
  const now = Date.now();

  // Up and down move between hits; Enter or a click opens one (native to the buttons).
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.search-hit') ?? [])];
    const index = buttons.findIndex((button) => button === document.activeElement);
    event.preventDefault();
    if (event.key === 'ArrowUp' && index <= 0) onLeave();
    else buttons[event.key === 'ArrowDown' ? Math.min(index + 1, buttons.length - 1) : index - 1]?.focus();
  };

  return (
    <div className="search-results">
      <p role="status" className={state.status === 'failed' ? 'search-status error' : 'search-status'}>
        {statusText(state)}
      </p>
      {state.status === 'done' && state.hits.length > 0 && (
        <ul className="search-hits" aria-label={t('search.results')} ref={listRef} onKeyDown={onKeyDown}>
          {state.hits.map((hit) => {
            const contact = contactsByAccount[hit.accountId]?.contacts.get(hit.peer);
            const name = contact ? displayName(contact) : hit.peer;
            return (
              <li key={`${hit.accountId} ${hit.messageId}`}>
                <button type="button" className="search-hit" onClick={() => onOpen(hit)}>
                  <span className="search-hit-peer">{name}</span>
                  <time className="search-hit-date" dateTime={new Date(hit.timestamp).toISOString()}>
                    {shortDate(hit.timestamp, now, locale())}
                  </time>
                  <span className="search-hit-snippet">
                    {hit.direction === 'out' && <span className="search-hit-own">{t('message.author', { author: t('message.you') })}</span>}
                    {hit.senderNick !== undefined && <span className="search-hit-own">{t('message.author', { author: hit.senderNick })}</span>}
                    <Snippet snippet={hit.snippet} />
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
