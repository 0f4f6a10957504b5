// The words of a room invitation's notification, for whichever host shows it (the desktop shell, the browser mode).
import type { Invitation } from '../model/room.ts';

type Translate = (key: string, values: Record<string, string>) => string;

export function invitationWords(t: Translate, invitation: Pick<Invitation, 'room' | 'from' | 'reason'>): { title: string; body: string } {
  const { room, from, reason } = invitation;
  return {
    title: t('notifications.invitationTitle', { room }),
    body: reason === undefined ? t('notifications.invitationBody', { from }) : t('notifications.invitationBodyReason', { from, reason }),
  };
}
