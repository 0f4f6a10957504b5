// ui.visibleConversation: the conversation on screen gets no notifications (the unread total follows chat events by itself).
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { Notifier } from './notifier.ts';

export function createNotifyHandlers(notifier: Notifier): Pick<Handlers, 'ui.visibleConversation'> {
  return {
    'ui.visibleConversation': ({ conversation }) => {
      if (conversation === undefined) {
        notifier.setVisible(undefined);
        return Promise.resolve(null);
      }
      const peer = normaliseBareJid(conversation.peer);
      if (peer === undefined) throw new CausetteError('bad-request', `“${conversation.peer}” is not a valid address.`, undefined, { context: 'address', address: conversation.peer });
      notifier.setVisible({ accountId: conversation.accountId, peer });
      return Promise.resolve(null);
    },
  };
}
