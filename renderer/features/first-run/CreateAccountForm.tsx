// Create an account on a server that allows it (XEP-0077 in-band registration), checked here first.
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call, CallError, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { RememberPassword, useRememberDefault } from './RememberPassword.tsx';
import { ServerFields } from './ServerFields.tsx';
import { SignInStatus } from './SignInStatus.tsx';
import type { SignInPrefill } from './SignInForm.tsx';
import { TextField } from '../../components/TextField.tsx';
import { checkAddress, checkNewPassword, checkServer, emptyServer, type ServerValues } from './sign-in-plan.ts';

export function CreateAccountForm({ onCreated }: { readonly onCreated: (prefill: SignInPrefill) => void }) {
  const { t } = useTranslation();
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
      <TextField
        label={t('signIn.address')}
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        placeholder={t('register.addressPlaceholder')}
        hint={t('register.addressHint')}
        value={jid}
        disabled={busy}
        onValue={setJid}
      />
      <TextField label={t('signIn.password')} type="password" autoComplete="new-password" value={password} disabled={busy} onValue={setPassword} />
      <TextField
        label={t('register.confirm')}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        disabled={busy}
        onValue={setConfirmation}
      />
      <RememberPassword checked={remember} onChange={setRemember} disabled={busy} />
      <ServerFields values={server} onChange={setServer} disabled={busy} />
      {error && (
        <Alert>
          {error.message}
          {error.fingerprint !== undefined && (
            <span className="detail">
              <Trans i18nKey="register.fingerprint" values={{ fingerprint: error.fingerprint }} components={{ code: <code className="fingerprint" /> }} />
            </span>
          )}
        </Alert>
      )}
      <div className="actions split">
        <SignInStatus account={undefined} busy={busy} busyText={t('register.busy')} />
        <button type="submit" className="primary" disabled={busy}>
          {t('register.submit')}
        </button>
      </div>
    </form>
  );
}
