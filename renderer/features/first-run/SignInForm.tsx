// Sign in to an existing account; after a failure the same form retries (a new password, or another address).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api.ts';
import { errorText } from '../../i18n/errors.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectAccount, useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { RememberPassword, useRememberDefault } from './RememberPassword.tsx';
import { ServerFields } from './ServerFields.tsx';
import { SignInStatus } from './SignInStatus.tsx';
import { TextField } from '../../components/TextField.tsx';
import { checkAddress, checkServer, emptyServer, planSignIn, serverValuesOf, type ServerValues } from './sign-in-plan.ts';

/** What the "Create account" form passes on once the account exists. */
export interface SignInPrefill {
  readonly jid: string;
  readonly password: string;
  readonly remember: boolean;
  readonly server: ServerValues;
}

interface SignInFormProps {
  readonly prefill?: SignInPrefill | undefined;
  /** The welcome screen just opened: the cursor goes to the first field left to fill. */
  readonly focusFirst?: boolean;
}

export function SignInForm({ prefill, focusFirst = false }: SignInFormProps) {
  const { t } = useTranslation();
  const signingIn = useUi((state) => state.signingIn);
  const pending = useAccounts((state) => selectAccount(state, signingIn));
  const rememberDefault = useRememberDefault();
  const [jid, setJid] = useState(prefill?.jid ?? pending?.jid ?? '');
  const [password, setPassword] = useState(prefill?.password ?? '');
  const [remember, setRemember] = useState(prefill?.remember ?? pending?.passwordSaved ?? rememberDefault);
  const [server, setServer] = useState<ServerValues>(prefill?.server ?? (pending ? serverValuesOf(pending) : emptyServer));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const [initialJid] = useState(jid);

  useEffect(() => {
    if (focusFirst) (initialJid === '' ? addressRef : passwordRef).current?.focus();
  }, [focusFirst, initialJid]);

  const state = pending?.connection;
  const reason = state?.status === 'offline' || state?.status === 'reconnecting' ? state.reason : undefined;
  const locked = busy || state?.status === 'connecting';

  // A refused password: straight back to the password field, as Gajim and Dino do.
  const refused = reason?.code === 'not-authorized';
  useEffect(() => {
    if (!refused || locked) return;
    passwordRef.current?.focus();
    passwordRef.current?.select();
  }, [refused, locked]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = checkAddress(jid);
    if (!address.ok) return setError(address.message);
    if (password === '') return setError(t('signIn.enterPassword'));
    const override = checkServer(server);
    if (!override.ok) return setError(override.message);
    setError(undefined);
    setBusy(true);
    try {
      const plan = planSignIn(pending, address.value, override.value);
      const { updated } = useAccounts.getState();
      if (plan.kind === 'connect') {
        useUi.getState().forgetDeclined(plan.accountId);
        updated(await call('account.connect', { accountId: plan.accountId, password, remember }));
      } else {
        // Held, else the account's event shows the main window for a moment and this form, remounted, loses what was typed.
        useUi.getState().holdWelcome(true);
        // The account that never signed in has no history of its own; its password is not the one typed now.
        if (plan.kind === 'replace') await call('account.remove', { accountId: plan.accountId, deleteHistory: true, forgetPassword: true });
        const account = await call('account.add', { jid: address.value, password, remember, ...override.value });
        updated(account);
        useUi.getState().startSignIn(account.id);
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      useUi.getState().holdWelcome(false);
      setBusy(false);
    }
  }

  // Trying, and not yet there: the user may stop it and correct what was typed.
  const stoppable = state?.status === 'connecting' || state?.status === 'reconnecting';
  async function cancel() {
    if (!pending) return;
    setError(undefined);
    try {
      useAccounts.getState().updated(await call('account.disconnect', { accountId: pending.id }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  const shown = error ?? (busy || reason === undefined ? undefined : errorText(reason));
  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      <TextField
        label={t('signIn.address')}
        ref={addressRef}
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        placeholder={t('signIn.addressPlaceholder')}
        required
        value={jid}
        disabled={locked}
        onValue={setJid}
      />
      <TextField
        label={t('signIn.password')}
        ref={passwordRef}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        disabled={locked}
        onValue={setPassword}
      />
      <RememberPassword checked={remember} onChange={setRemember} disabled={locked} />
      <ServerFields values={server} onChange={setServer} disabled={locked} />
      {shown !== undefined && <Alert>{shown}</Alert>}
      <div className="actions split">
        <SignInStatus account={pending} busy={busy} busyText={t('signIn.busy')} />
        {stoppable && (
          <button type="button" onClick={() => void cancel()}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="primary" disabled={locked}>
          {t('signIn.submit')}
        </button>
      </div>
    </form>
  );
}
