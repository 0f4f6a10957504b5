// Voice requests slice (XEP-0045 §8.6): per account, the visitors' requests waiting for our answer as a moderator.
import { create } from 'zustand';
import type { VoiceRequest } from '../../shared/model/voice-request.ts';

export interface VoiceRequestsState {
  readonly byAccount: Readonly<Record<string, readonly VoiceRequest[]>>;
}

const none: readonly VoiceRequest[] = [];
const same = (a: VoiceRequest, room: string, nick: string) => a.room === room && a.nick === nick;

/** A new request replaces the visitor's earlier one in that room. */
export function applyVoiceRequest(state: VoiceRequestsState, accountId: string, request: VoiceRequest): VoiceRequestsState {
  const kept = (state.byAccount[accountId] ?? none).filter((each) => !same(each, request.room, request.nick));
  return { byAccount: { ...state.byAccount, [accountId]: [...kept, request] } };
}

export function applyVoiceAnswered(state: VoiceRequestsState, accountId: string, room: string, nick: string): VoiceRequestsState {
  const held = state.byAccount[accountId] ?? none;
  if (!held.some((each) => same(each, room, nick))) return state;
  return { byAccount: { ...state.byAccount, [accountId]: held.filter((each) => !same(each, room, nick)) } };
}

export function selectVoiceRequests(state: VoiceRequestsState, accountId: string): readonly VoiceRequest[] {
  return state.byAccount[accountId] ?? none;
}

interface VoiceRequestsActions {
  readonly received: (accountId: string, request: VoiceRequest) => void;
  readonly answered: (accountId: string, room: string, nick: string) => void;
  readonly forget: (accountId: string) => void;
}

export const useVoiceRequests = create<VoiceRequestsState & VoiceRequestsActions>()((set) => ({
  byAccount: {},
  received: (accountId, request) => set((state) => applyVoiceRequest(state, accountId, request)),
  answered: (accountId, room, nick) => set((state) => applyVoiceAnswered(state, accountId, room, nick)),
  forget: (accountId) => set((state) => ({ byAccount: Object.fromEntries(Object.entries(state.byAccount).filter(([id]) => id !== accountId)) })),
}));
