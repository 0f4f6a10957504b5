// Which screen to show: starting up, the welcome screen, or the main window; plus what floats above them.
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { loadSnapshot } from './boot.ts';
import { CertificatePromptHost } from './features/certificate/CertificateDialog.tsx';
import { FirstRun } from './features/first-run/FirstRun.tsx';
import { MainLayout } from './features/main/MainLayout.tsx';
import { useAccounts } from './stores/accounts.ts';
import { useUi } from './stores/ui.ts';

export function App() {
  const boot = useUi((state) => state.boot);
  const welcome = useUi((state) => state.signingIn !== undefined || state.addingAccount);
  const noAccounts = useAccounts((state) => state.accounts.length === 0);

  return (
    <>
      <ConnectionBanner />
      {boot.status === 'loading' && <Starting />}
      {boot.status === 'failed' && <StartFailed message={boot.message} />}
      {boot.status === 'ready' && (noAccounts || welcome ? <FirstRun /> : <MainLayout />)}
      {boot.status === 'ready' && <CertificatePromptHost />}
    </>
  );
}

function Starting() {
  return (
    <main className="centered">
      <p role="status" className="progress working">
        Starting Causette…
      </p>
    </main>
  );
}

export function StartFailed({ message, retry = true }: { readonly message: string; readonly retry?: boolean }) {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="start-failed-title">
        <h1 id="start-failed-title">Causette could not start</h1>
        <div role="alert" className="alert">
          {message}
        </div>
        {retry && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => void loadSnapshot()}>
              Try again
            </button>
          </div>
        )}
      </section>
    </main>
  );
}
