// Asks for the password when Causette has none or the server refused it, then signs in again.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Account } from '../../../shared/model/account.ts';
import { RememberPassword } from '../first-run/RememberPassword.tsx';

interface PasswordPromptProps {
  readonly account: Account;
  readonly busy: boolean;
  readonly onSubmit: (password: string, remember: boolean) => void;
}

export function PasswordPrompt({ account, busy, onSubmit }: PasswordPromptProps) {
  const id = useId();
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
      <div className="field">
        <label htmlFor={`${id}-password`}>Password for {account.jid}</label>
        <input
          id={`${id}-password`}
          ref={inputRef}
          type="password"
          autoComplete="current-password"
          value={password}
          disabled={busy}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <RememberPassword checked={remember} onChange={setRemember} disabled={busy} />
      <button type="submit" className="primary" disabled={busy || password === ''}>
        Sign in
      </button>
    </form>
  );
}
