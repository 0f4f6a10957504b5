// The chat.search command: full-text search of the stored messages, of one account or all of them.
import type { Handlers } from '../../../shared/ipc/contract.ts';
import type { MessageSearch } from '../storage/search.ts';
import type { AccountService } from './account-service.ts';

export interface SearchHandlerDeps {
  readonly accounts: AccountService;
  readonly search: MessageSearch;
}

export function createSearchHandlers({ accounts, search }: SearchHandlerDeps): Pick<Handlers, 'chat.search'> {
  return {
    'chat.search': ({ query, accountId, limit }) => {
      // An unknown account is an error (not-found), not an empty result.
      if (accountId !== undefined) accounts.entry(accountId);
      return Promise.resolve(search.search({ query, accountId, limit }));
    },
  };
}
