// Which screen to show: starting up, the welcome screen, or the main window; plus what floats above them.
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { loadSnapshot } from './boot.ts';
import { CertificatePromptHost } from './features/certificate/CertificateDialog.tsx';
import { FirstRun } from './features/first-run/FirstRun.tsx';
import { MainLayout } from './features/main/MainLayout.tsx';
import { useAccounts } from './stores/accounts.ts';
import { useUi } from './stores/ui.ts';
import { useTranslation } from 'react-i18next';

export function App() {
  const boot = useUi((state) => state.boot);
  const welcome = useUi((state) => state.signingIn !== undefined || state.addingAccount || state.welcomeHeld);
  const noAccounts = useAccounts((state) => state.accounts.length === 0);
  const refused = useUi((state) => state.link === 'refused');
  // Subscribed here so that a change of language renders the whole tree again.
  useTranslation();

  return (
    <>
      <ConnectionBanner />
      {boot.status === 'loading' && <Starting />}
      {/* A refused token is said by the banner alone: trying again cannot help. */}
      {boot.status === 'failed' && !refused && <StartFailed message={boot.message} />}
      {boot.status === 'ready' && (noAccounts || welcome ? <FirstRun /> : <MainLayout />)}
      {boot.status === 'ready' && <CertificatePromptHost />}
    </>
  );
}

function Starting() {
  const { t } = useTranslation();
  return (
    <main className="centered">
      <p role="status" className="progress working">
        {t('start.starting')}
      </p>
    </main>
  );
}

export function StartFailed({ message, retry = true }: { readonly message: string; readonly retry?: boolean }) {
  const { t } = useTranslation();
  return (
    <main className="centered">
      <section className="card" aria-labelledby="start-failed-title">
        <h1 id="start-failed-title">{t('start.failed')}</h1>
        <div role="alert" className="alert">
          {message}
        </div>
        {retry && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => void loadSnapshot()}>
              {t('common.tryAgain')}
            </button>
          </div>
        )}
      </section>
    </main>
  );
}
