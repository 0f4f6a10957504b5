// Removing an account from this computer, after an explicit confirmation.
import type { Account } from '../../../shared/model/account.ts';
import { call } from '../../api.ts';
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx';

interface RemoveAccountProps {
  readonly account: Account;
  readonly onRemoved: () => void;
}

export function RemoveAccount({ account, onRemoved }: RemoveAccountProps) {
  return (
    <div className="remove-account">
      <p>
        Current account: <strong>{account.jid}</strong>
      </p>
      <ConfirmedAction
        label="Remove account"
        question={`Remove ${account.jid} from Causette? Its saved password and settings on this computer are deleted. The account itself stays on the server.`}
        keepLabel="Keep account"
        confirmLabel="Remove"
        run={async () => {
          await call('account.remove', { accountId: account.id });
          onRemoved();
        }}
      />
    </div>
  );
}
