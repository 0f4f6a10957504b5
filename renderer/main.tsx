// Entry point: connect to Causette through whichever host serves us, then show the interface.
import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { call, connect, isDesktop } from './api.ts';
import { App, StartFailed } from './App.tsx';
import { start } from './boot.ts';
import { startIdleReporter } from './features/presence/idle.ts';
import { startLanguage } from './i18n/follow.ts';
import { startNotifications } from './notifications.ts';
import { startTheme } from './theme.ts';
import { startTitle } from './title.ts';
import { startVisibleConversation } from './visible-conversation.ts';
import './styles/base.css';
import './styles/feedback.css';
import './styles/forms.css';
import './styles/layout.css';
import './styles/dialog.css';
import './styles/contacts.css';
import './styles/presence.css';
import './styles/chat.css';
import './styles/search.css';
import './styles/jump.css';
import './styles/rooms.css';
import './styles/transfers.css';
import './styles/moderation.css';

startLanguage();
startTheme();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

const api = connect();
if (typeof api === 'string') {
  root.render(
    <StrictMode>
      <StartFailed message={api} retry={false} />
    </StrictMode>,
  );
} else {
  start(api);
  startTitle(api);
  startVisibleConversation(api);
  startNotifications(api, !isDesktop());
  // The desktop shell reports the system's idle time itself; a page can only watch its own input.
  if (!isDesktop()) startIdleReporter((idleSeconds) => void call('presence.activity', { idleSeconds, locked: false }).catch(() => undefined));
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
