// The "Search messages" box: full-text search across all conversations; a hit opens its conversation at that message.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/model/message.ts';
import { useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { SearchResults } from './SearchResults.tsx';
import { useFindShortcut } from './use-find-shortcut.ts';
import { useMessageSearch } from './use-message-search.ts';

function open(hit: SearchHit): void {
  useAccounts.getState().select(hit.accountId);
  useUi.getState().showChat(hit.accountId, hit.peer, hit.messageId);
}

export function MessageSearch() {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState('');
  const state = useMessageSearch(text);
  useFindShortcut(inputRef);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      setText('');
    } else if (event.key === 'ArrowDown') {
      const first = searchRef.current?.querySelector<HTMLButtonElement>('button.search-hit');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div role="search" className="message-search" aria-label={t('messages.label')} ref={searchRef}>
      <input
        ref={inputRef}
        type="search"
        aria-label={t('search.label')}
        placeholder={t('search.label')}
        autoComplete="off"
        spellCheck={false}
        maxLength={500}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {state.status !== 'idle' && <SearchResults state={state} onOpen={open} onLeave={() => inputRef.current?.focus()} />}
    </div>
  );
}
