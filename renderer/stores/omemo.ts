// OMEMO slice (XEP-0384): per account and JID, the devices with their fingerprints and trust as the core last told them
// (omemo.devices, answered or pushed), from which each message's lock and the new-device banner are derived (the core
// keeps which banners the user dismissed).
import { create } from 'zustand';
import { devicesAwaitingDecision, messageLock, type MessageLock } from '../../shared/model/device-trust.ts';
import type { OmemoDevice, OmemoDevices } from '../../shared/model/encryption.ts';

export interface OmemoState {
  /** By `accountId jid`. */
  readonly devices: Readonly<Record<string, OmemoDevices>>;
}

export const initialOmemo: OmemoState = { devices: {} };

const keyOf = (accountId: string, jid: string) => `${accountId} ${jid}`;

export function applyDevices(state: OmemoState, accountId: string, jid: string, devices: OmemoDevices): OmemoState {
  return { ...state, devices: { ...state.devices, [keyOf(accountId, jid)]: devices } };
}

export function applyOmemoForget(state: OmemoState, accountId: string): OmemoState {
  const prefix = `${accountId} `;
  return {
    devices: Object.fromEntries(Object.entries(state.devices).filter(([key]) => !key.startsWith(prefix))),
  };
}

export function selectDevices(state: OmemoState, accountId: string, jid: string): OmemoDevices | undefined {
  return state.devices[keyOf(accountId, jid)];
}

/** The JIDs of an account whose devices are known here (to ask again once the link is back). */
export function selectKnownJids(state: OmemoState, accountId: string): string[] {
  const prefix = `${accountId} `;
  return Object.keys(state.devices)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

/** The lock of a message `jid`'s device `deviceId` sent: from that device's trust now, so a later verification shows. */
export function selectMessageLock(state: OmemoState, accountId: string, jid: string, deviceId: number | undefined, encrypted: boolean): MessageLock {
  const device = deviceId === undefined ? undefined : selectDevices(state, accountId, jid)?.devices.find((each) => each.deviceId === deviceId);
  return messageLock(encrypted, device);
}

/** `jid`'s devices awaiting a decision (nothing is encrypted for them) whose banner was not dismissed. */
export function selectNewDevices(state: OmemoState, accountId: string, jid: string): OmemoDevice[] {
  const known = selectDevices(state, accountId, jid);
  if (!known) return [];
  return devicesAwaitingDecision(known.devices).filter((device) => device.bannerDismissed !== true);
}

interface OmemoActions {
  readonly loaded: (accountId: string, jid: string, devices: OmemoDevices) => void;
  readonly forget: (accountId: string) => void;
}

export const useOmemo = create<OmemoState & OmemoActions>()((set) => ({
  ...initialOmemo,
  loaded: (accountId, jid, devices) => set((state) => applyDevices(state, accountId, jid, devices)),
  forget: (accountId) => set((state) => applyOmemoForget(state, accountId)),
}));
