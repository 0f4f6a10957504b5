// Keeps the rooms slice current: muc.rooms, invitations and each room's occupants whenever an account comes online, then the events.
import { whenOnline } from './account-online.ts';
import type { EventPayload } from '../shared/ipc/contract.ts';
import type { Api } from './api.ts';
import { createFrameBatch } from './frame-batch.ts';
import { useAccounts } from './stores/accounts.ts';
import { useRooms } from './stores/rooms.ts';
import { useDeclines } from './stores/declines.ts';
import { useVoiceRequests } from './stores/voice-requests.ts';

const known = (accountId: string) => useAccounts.getState().accounts.some((account) => account.id === accountId);

async function load(api: Api, accountId: string): Promise<void> {
  try {
    const [rooms, invitations] = await Promise.all([api.call('muc.rooms', { accountId }), api.call('muc.invitations', { accountId })]);
    if (!known(accountId)) return;
    useRooms.getState().loaded(accountId, rooms);
    useRooms.getState().invitations(accountId, invitations);
    await Promise.all(rooms.filter((room) => room.state === 'joined').map((room) => loadOccupants(api, accountId, room.jid)));
  } catch {
    // Signed out meanwhile: the next time it is online it is asked again.
  }
}

async function loadOccupants(api: Api, accountId: string, room: string): Promise<void> {
  const occupants = await api.call('muc.occupants', { accountId, room });
  if (known(accountId)) useRooms.getState().occupantList(accountId, room, occupants);
}

export function startRoomsSync(api: Api): void {
  api.on('muc.room', ({ accountId, room }) => useRooms.getState().room(accountId, room));
  // The core sends a big room's presences as few deltas already; those that still come close together make one update.
  const batch = createFrameBatch<EventPayload<'muc.occupants'>>((deltas) => useRooms.getState().occupantDeltas(deltas));
  api.on('muc.occupants', (delta) => batch.push(delta));
  api.on('muc.invitations', ({ accountId, invitations }) => useRooms.getState().invitations(accountId, invitations));
  api.on('muc.voiceRequest', ({ accountId, request }) => useVoiceRequests.getState().received(accountId, request));
  api.on('muc.declined', ({ accountId, room, from, reason }) => useDeclines.getState().declined(accountId, { room, from, ...(reason === undefined ? {} : { reason }) }));
  api.on('account.removed', ({ accountId }) => {
    batch.flush();
    useRooms.getState().forget(accountId);
    useVoiceRequests.getState().forget(accountId);
  });
  whenOnline(api, (accountId) => void load(api, accountId), { atStart: true });
}
