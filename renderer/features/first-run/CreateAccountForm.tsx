// Create an account on a server that allows it (XEP-0077 in-band registration), checked here first.
import { useId, useState, type FormEvent } from 'react';
import { call, CallError, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { RememberPassword, useRememberDefault } from './RememberPassword.tsx';
import { ServerFields } from './ServerFields.tsx';
import { SignInStatus } from './SignInStatus.tsx';
import type { SignInPrefill } from './SignInForm.tsx';
import { checkAddress, checkNewPassword, checkServer, emptyServer, type ServerValues } from './sign-in-plan.ts';

export function CreateAccountForm({ onCreated }: { readonly onCreated: (prefill: SignInPrefill) => void }) {
  const id = useId();
  const [jid, setJid] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [remember, setRemember] = useState(useRememberDefault());
  const [server, setServer] = useState<ServerValues>(emptyServer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ readonly message: string; readonly fingerprint?: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = checkAddress(jid);
    if (!address.ok) return setError({ message: address.message });
    const chosen = checkNewPassword(password, confirmation);
    if (!chosen.ok) return setError({ message: chosen.message });
    const override = checkServer(server);
    if (!override.ok) return setError({ message: override.message });
    setError(undefined);
    setBusy(true);
    try {
      const account = await call('account.register', { jid: address.value, password: chosen.value, remember, ...override.value });
      useAccounts.getState().updated(account);
      useUi.getState().startSignIn(account.id);
      onCreated({ jid: account.jid, password: chosen.value, remember, server });
    } catch (failure) {
      const fingerprint = failure instanceof CallError ? failure.certificate?.fingerprint256 : undefined;
      setError({ message: messageOf(failure), ...(fingerprint === undefined ? {} : { fingerprint }) });
      setBusy(false);
    }
  }

  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={`${id}-jid`}>Address</label>
        <input
          id={`${id}-jid`}
          type="text"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="name@server"
          aria-describedby={`${id}-jid-hint`}
          value={jid}
          disabled={busy}
          onChange={(event) => setJid(event.target.value)}
        />
        <p id={`${id}-jid-hint`} className="hint">
          The name you want, an @, and a server that lets people sign up.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          value={password}
          disabled={busy}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>Confirm password</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          value={confirmation}
          disabled={busy}
          onChange={(event) => setConfirmation(event.target.value)}
        />
      </div>
      <RememberPassword checked={remember} onChange={setRemember} disabled={busy} />
      <ServerFields values={server} onChange={setServer} disabled={busy} />
      {error && (
        <Alert>
          {error.message}
          {error.fingerprint !== undefined && (
            <span className="detail">
              Its SHA-256 fingerprint is <code className="fingerprint">{error.fingerprint}</code>.
            </span>
          )}
        </Alert>
      )}
      <div className="actions split">
        <SignInStatus account={undefined} busy={busy} busyText="Creating the account…" />
        <button type="submit" className="primary" disabled={busy}>
          Create account
        </button>
      </div>
    </form>
  );
}
