// What the sign-in is doing right now, for the welcome screen: a live region that follows the account.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import { stateLabelParts } from '../account-state/state-label.ts';
import { useNow } from '../account-state/use-now.ts';

interface SignInStatusProps {
  readonly account: Account | undefined;
  /** A command is on its way. */
  readonly busy: boolean;
  readonly busyText: string;
}

export function SignInStatus({ account, busy, busyText }: SignInStatusProps) {
  const { t } = useTranslation();
  const state = account?.connection;
  const now = useNow(state?.status === 'reconnecting');
  let content: ReactNode = null;
  if (busy) content = busyText;
  else if (state?.status === 'connecting') content = t('signIn.signingInAs', { jid: account?.jid ?? '' });
  else if (state?.status === 'online') content = t('signIn.signedIn');
  else if (state?.status === 'reconnecting') {
    const parts = stateLabelParts(state, now);
    content = (
      <>
        {t('signIn.notYet')} {parts.lead} <span aria-hidden="true">{parts.countdown} </span>
        {parts.tail}
      </>
    );
  }
  const working = busy || state?.status === 'connecting' || state?.status === 'reconnecting';
  return (
    <p role="status" className={working ? 'progress working' : 'progress'}>
      {content}
    </p>
  );
}
