// The account's connection state as a live region; the countdown is visible but not read out every second.
import type { ConnectionState } from '../../../shared/model/account.ts';
import { stateLabelParts } from '../account-state/state-label.ts';
import { useNow } from '../account-state/use-now.ts';

export function AccountStatus({ state }: { readonly state: ConnectionState }) {
  const now = useNow(state.status === 'reconnecting');
  const { lead, countdown, tail } = stateLabelParts(state, now);
  return (
    <p role="status" className={`state state-${state.status}`}>
      <span className="dot" aria-hidden="true" />
      {lead}
      {countdown !== undefined && <span aria-hidden="true"> {countdown}</span>}
      {tail !== undefined && ` ${tail}`}
    </p>
  );
}
