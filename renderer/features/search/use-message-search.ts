// Searches the messages as the user types: one chat.search a short pause after the last keystroke, late answers dropped.
import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../shared/model/message.ts';
import { call, messageOf } from '../../api.ts';

/** How long typing must pause before a search runs. */
const SEARCH_DELAY_MS = 200;
const MAX_HITS = 50;
/** The contract's longest query. */
const MAX_QUERY = 500;

export type SearchState =
  | { readonly status: 'idle' }
  | { readonly status: 'searching' }
  | { readonly status: 'done'; readonly hits: readonly SearchHit[] }
  | { readonly status: 'failed'; readonly message: string };

export function useMessageSearch(text: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const query = text.trim().slice(0, MAX_QUERY);

  useEffect(() => {
    if (query === '') {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    // The previous results stay on screen until the new ones arrive, so the list does not flicker while typing.
    setState((previous) => (previous.status === 'done' ? previous : { status: 'searching' }));
    const timer = setTimeout(() => {
      call('chat.search', { query, limit: MAX_HITS }).then(
        (hits) => {
          if (current) setState({ status: 'done', hits });
        },
        (cause: unknown) => {
          if (current) setState({ status: 'failed', message: messageOf(cause) });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  return state;
}
