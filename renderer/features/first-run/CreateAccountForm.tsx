// Create an account on a server that allows it (XEP-0077 in-band registration), checked here first.
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ValidRequest } from '../../../shared/ipc/contract.ts';
import type { CertificateInfo } from '../../../shared/ipc/errors.ts';
import { call, CallError, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { CertificateDialog } from '../certificate/CertificateDialog.tsx';
import { useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { RememberPassword, useRememberDefault } from './RememberPassword.tsx';
import { ServerFields } from './ServerFields.tsx';
import { SignInStatus } from './SignInStatus.tsx';
import type { SignInPrefill } from './SignInForm.tsx';
import { TextField } from '../../components/TextField.tsx';
import { checkAddress, checkNewPassword, checkServer, emptyServer, type ServerValues } from './sign-in-plan.ts';

type RegisterRequest = ValidRequest<'account.register'>;

export function CreateAccountForm({ onCreated }: { readonly onCreated: (prefill: SignInPrefill) => void }) {
  const { t } = useTranslation();
  const [jid, setJid] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [remember, setRemember] = useState(useRememberDefault());
  const [server, setServer] = useState<ServerValues>(emptyServer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ readonly message: string; readonly fingerprint?: string }>();
  /** The registration the server's untrusted certificate stopped, waiting for the user's decision. */
  const [untrusted, setUntrusted] = useState<{ readonly request: RegisterRequest; readonly failure: CallError; readonly certificate: CertificateInfo }>();

  async function register(request: RegisterRequest) {
    const account = await call('account.register', request);
    useAccounts.getState().updated(account);
    useUi.getState().startSignIn(account.id);
    onCreated({ jid: account.jid, password: request.password, remember, server });
  }

  function failed(failure: unknown) {
    const fingerprint = failure instanceof CallError ? failure.certificate?.fingerprint256 : undefined;
    setError({ message: messageOf(failure), ...(fingerprint === undefined ? {} : { fingerprint }) });
    setBusy(false);
  }

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
    const request: RegisterRequest = { jid: address.value, password: chosen.value, remember, ...override.value };
    try {
      await register(request);
    } catch (failure) {
      // As when signing in: the user sees the certificate and may trust it, then the registration goes on.
      if (failure instanceof CallError && failure.code === 'untrusted-certificate' && failure.certificate) {
        return setUntrusted({ request, failure, certificate: failure.certificate });
      }
      failed(failure);
    }
  }

  async function trust() {
    if (!untrusted) return;
    await register({ ...untrusted.request, trustCertificate: untrusted.certificate.fingerprint256 });
    setUntrusted(undefined);
  }

  function decline() {
    if (untrusted) failed(untrusted.failure);
    setUntrusted(undefined);
  }

  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      {untrusted && <CertificateDialog jid={untrusted.request.jid} certificate={untrusted.certificate} onTrust={trust} onCancel={decline} />}
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
