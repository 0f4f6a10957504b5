// Entry point: connect to Causette through whichever host serves us, then show the interface.
import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api.ts';
import { App, StartFailed } from './App.tsx';
import { start } from './boot.ts';
import './styles/base.css';
import './styles/feedback.css';
import './styles/forms.css';
import './styles/layout.css';
import './styles/dialog.css';

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
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
