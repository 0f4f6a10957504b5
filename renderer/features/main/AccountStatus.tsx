// The account's state as a live region: its own presence while connected (the chosen state and its colour), else the
// connection state; the reconnect countdown is visible but not read out every second.
import type { ConnectionState } from '../../../shared/model/account.ts';
import type { OwnShow } from '../../../shared/model/presence.ts';
import { stateLabelParts } from '../account-state/state-label.ts';
import { useNow } from '../account-state/use-now.ts';
import { ownShowLabel } from '../presence/labels.ts';

interface AccountStatusProps {
  readonly state: ConnectionState;
  /** The own presence, once connected and known. */
  readonly show?: OwnShow | undefined;
}

export function AccountStatus({ state, show }: AccountStatusProps) {
  const now = useNow(state.status === 'reconnecting');
  const { lead, countdown, tail } = stateLabelParts(state, now);
  // Available reads as the connection does ("Online"); any other choice is what the account shows.
  if (state.status === 'online' && show !== undefined && show !== 'online') {
    return (
      <p role="status" className="state state-online">
        <span className={`dot presence-${show}`} aria-hidden="true" />
        {ownShowLabel(show)}
      </p>
    );
  }
  return (
    <p role="status" className={`state state-${state.status}`}>
      <span className="dot" aria-hidden="true" />
      {lead}
      {countdown !== undefined && <span aria-hidden="true"> {countdown}</span>}
      {tail !== undefined && ` ${tail}`}
    </p>
  );
}
