// Asks for the password when Causette has none or the server refused it, then signs in again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import { RememberPassword } from '../first-run/RememberPassword.tsx';
import { TextField } from '../../components/TextField.tsx';

interface PasswordPromptProps {
  readonly account: Account;
  readonly busy: boolean;
  readonly onSubmit: (password: string, remember: boolean) => void;
}

export function PasswordPrompt({ account, busy, onSubmit }: PasswordPromptProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(account.passwordSaved);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== '') onSubmit(password, remember);
  }

  return (
    <form className="password-prompt" onSubmit={submit}>
      <TextField
        label={t('account.passwordFor', { jid: account.jid })}
        ref={inputRef}
        type="password"
        autoComplete="current-password"
        value={password}
        disabled={busy}
        onValue={setPassword}
      />
      <RememberPassword checked={remember} onChange={setRemember} disabled={busy} />
      <button type="submit" className="primary" disabled={busy || password === ''}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}
