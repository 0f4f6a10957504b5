// The bar above the conversation: which account, its state, the button to connect or disconnect, and own presence.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import { call, CallError, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { errorText } from '../../i18n/errors.ts';
import { useAccounts } from '../../stores/accounts.ts';
import { useAvatars } from '../../stores/avatars.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { useUi } from '../../stores/ui.ts';
import { isActive, needsPassword } from '../account-state/state-label.ts';
import { Avatar } from '../contacts/Avatar.tsx';
import { OwnPresence } from '../presence/OwnPresence.tsx';
import { AccountStatus } from './AccountStatus.tsx';
import { PasswordPrompt } from './PasswordPrompt.tsx';

export function AccountBar({ account }: { readonly account: Account }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [askPassword, setAskPassword] = useState(false);
  const roster = useRoster((rosters) => selectAccountRoster(rosters, account.id));
  const ownAvatar = useAvatars((state) => state.own[account.id]);
  const state = account.connection;
  const active = isActive(state);
  const promptShown = !active && (askPassword || needsPassword(state));
  const retryReason = state.status === 'reconnecting' && state.reason ? errorText(state.reason) : undefined;

  async function run(action: () => Promise<Account>) {
    setBusy(true);
    setError(undefined);
    try {
      useAccounts.getState().updated(await action());
      setAskPassword(false);
    } catch (failure) {
      if (failure instanceof CallError && failure.code === 'password-required') setAskPassword(true);
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const connect = (password?: string, remember?: boolean) => {
    useUi.getState().forgetDeclined(account.id);
    const request = password === undefined ? { accountId: account.id } : { accountId: account.id, password, remember: remember ?? false };
    return run(() => call('account.connect', request));
  };
  const disconnect = () => run(() => call('account.disconnect', { accountId: account.id }));

  return (
    <section className="account-bar" aria-label={t('account.connection')}>
      <div className="account-line">
        <Avatar jid={account.jid} name={account.jid} accountId={account.id} hash={ownAvatar} />
        <div className="who">
          <span className="jid">{account.jid}</span>
          <AccountStatus state={state} show={roster?.loaded === true ? roster.presence.show : undefined} />
          {retryReason !== undefined && <span className="detail">{retryReason}</span>}
        </div>
        {state.status === 'online' && roster?.loaded === true && <OwnPresence accountId={account.id} roster={roster} />}
        {!promptShown && (
          <button type="button" onClick={() => void (active ? disconnect() : connect())} disabled={busy}>
            {state.status === 'online' ? t('account.disconnect') : active ? t('common.cancel') : t('account.connect')}
          </button>
        )}
      </div>
      {promptShown && <PasswordPrompt account={account} busy={busy} onSubmit={(password, remember) => void connect(password, remember)} />}
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
