// Tells the core which conversation the user is looking at: the open one while the page is visible and focused, else none.
import type { Api } from './api.ts';
import { useUi, type UiState } from './stores/ui.ts';

export interface Looking {
  readonly accountId: string;
  readonly peer: string;
}

export function visibleConversation(openChat: UiState['openChat'], pageVisible: boolean, focused: boolean): Looking | undefined {
  return openChat !== undefined && pageVisible && focused ? { accountId: openChat.accountId, peer: openChat.peer } : undefined;
}

export function startVisibleConversation(api: Api): void {
  // What the core was last told; undefined until it was told anything on this link.
  let told: string | undefined;
  const report = (): void => {
    const looking = visibleConversation(useUi.getState().openChat, document.visibilityState === 'visible', document.hasFocus());
    const key = looking === undefined ? '' : `${looking.accountId} ${looking.peer}`;
    if (key === told) return;
    told = key;
    api.call('ui.visibleConversation', looking === undefined ? {} : { conversation: looking }).catch(() => {
      // Told again at the next change or when the link is back.
      told = undefined;
    });
  };
  useUi.subscribe(report);
  document.addEventListener('visibilitychange', report);
  window.addEventListener('focus', report);
  window.addEventListener('blur', report);
  api.onLinkState((link) => {
    if (link !== 'open') return;
    told = undefined;
    report();
  });
  report();
}
