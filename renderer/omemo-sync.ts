// Keeps the OMEMO slice current: omemo.devices as the core tells it (a device list changed, a trust decision), each
// conversation's devices asked for when it is shown (useOmemoDevices), a room occupant's when a lock needs them
// (useKnownDevices), and asked again once an account is back online.
import { useEffect, useRef } from 'react';
import { whenOnline } from './account-online.ts';
import { call, type Api } from './api.ts';
import { selectDevices, selectKnownJids, useOmemo } from './stores/omemo.ts';
import type { OmemoDevices } from '../shared/model/encryption.ts';

/** Asks the core for `jid`'s devices (ours but this one, for our own JID) and keeps them. */
export async function loadDevices(accountId: string, jid: string): Promise<OmemoDevices> {
  const devices = await call('omemo.devices', { accountId, jid });
  useOmemo.getState().loaded(accountId, jid, devices);
  return devices;
}

export function startOmemoSync(api: Api): void {
  api.on('omemo.devices', ({ accountId, jid, devices }) => useOmemo.getState().loaded(accountId, jid, devices));
  api.on('account.removed', ({ accountId }) => useOmemo.getState().forget(accountId));
  whenOnline(
    api,
    (accountId) => {
      for (const jid of selectKnownJids(useOmemo.getState(), accountId)) void loadDevices(accountId, jid).catch(() => undefined);
    },
    { atStart: false },
  );
}

/** `jid`'s devices, asked for when shown (the core answers from what it knows while offline), undefined until told. */
export function useOmemoDevices(accountId: string, jid: string, onError?: (message: unknown) => void): OmemoDevices | undefined {
  // The latest handler, without asking again each time the caller makes a new one.
  const failed = useRef(onError);
  failed.current = onError;
  useEffect(() => {
    if (jid === '') return;
    loadDevices(accountId, jid).catch((failure: unknown) => failed.current?.(failure));
  }, [accountId, jid]);
  return useOmemo((state) => selectDevices(state, accountId, jid));
}

/** By `accountId jid`: devices asked for by a lock, once each (many messages share a sender); forgotten when the asking failed. */
const asked = new Set<string>();

/** Has `jid`'s devices asked for once if not known yet ('' asks nothing): a room's messages need their senders' trust. */
export function useKnownDevices(accountId: string, jid: string): void {
  useEffect(() => {
    const key = `${accountId} ${jid}`;
    if (jid === '' || asked.has(key) || selectDevices(useOmemo.getState(), accountId, jid)) return;
    asked.add(key);
    loadDevices(accountId, jid).catch(() => asked.delete(key));
  }, [accountId, jid]);
}
