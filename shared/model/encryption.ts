// End-to-end encryption of a conversation or a room (OMEMO, XEP-0384): what the chat and room headers' switch shows.
import { z } from 'zod';
import type { RoomFeatures } from './room.ts';

/** Why a room cannot be encrypted in (OMEMO clients encrypt only in members-only rooms whose members' real JIDs everyone sees, XEP-0045 §4.2). */
export const RoomEncryptionProblemSchema = z.enum(['notMembersOnly', 'anonymous']);
export type RoomEncryptionProblem = z.infer<typeof RoomEncryptionProblemSchema>;

export const EncryptionStateSchema = z.object({
  peer: z.string(),
  /** Our messages to the peer are encrypted (and fail rather than go out in the clear). */
  on: z.boolean(),
  /** The user chose it; otherwise it follows whether the peer has OMEMO devices. */
  chosen: z.boolean(),
  /** The peer has OMEMO devices, as far as we know; for a room, it is one that can be encrypted in. */
  available: z.boolean(),
  /** A room that cannot be encrypted in, and why. */
  reason: RoomEncryptionProblemSchema.optional(),
});
export type EncryptionState = z.infer<typeof EncryptionStateSchema>;

/** The choice when made, else on exactly when the peer has devices (XEP-0384 clients encrypt by default then). */
export function encryptionState(peer: string, choice: boolean | undefined, devices: number): EncryptionState {
  return { peer, on: choice ?? devices > 0, chosen: choice !== undefined, available: devices > 0 };
}

export function roomEncryptionProblem(features: Pick<RoomFeatures, 'membersOnly' | 'nonAnonymous'>): RoomEncryptionProblem | undefined {
  if (!features.membersOnly) return 'notMembersOnly';
  return features.nonAnonymous ? undefined : 'anonymous';
}

/** A room's: the choice when made, else on exactly when the room can be encrypted in. */
export function roomEncryptionState(room: string, choice: boolean | undefined, features: Pick<RoomFeatures, 'membersOnly' | 'nonAnonymous'>): EncryptionState {
  const reason = roomEncryptionProblem(features);
  return { peer: room, on: choice ?? reason === undefined, chosen: choice !== undefined, available: reason === undefined, ...(reason === undefined ? {} : { reason }) };
}

/** XEP-0384 §8 leaves trust to the client: undecided devices are trusted blindly until the contact has a verified one. */
export const DeviceTrustSchema = z.enum(['undecided', 'trusted', 'verified', 'untrusted']);
export type DeviceTrust = z.infer<typeof DeviceTrustSchema>;

export const OmemoDeviceSchema = z.object({
  deviceId: z.number().int().positive(),
  /** The identity key as 64 hex digits in groups of 8; undefined until its bundle could be read. */
  fingerprint: z.string().optional(),
  trust: DeviceTrustSchema,
  /** Whether messages are encrypted for it now (blind trust before verification). */
  used: z.boolean(),
  /** When a message from it was last decrypted here (epoch ms). */
  lastSeen: z.number().optional(),
  /** The user dismissed the banner that told of this new device (kept across restarts). */
  bannerDismissed: z.boolean().optional(),
  /**
   * The OMEMO version spoken with it (XEP-0384 v0.8 §5.5.2): OMEMO 2 when it is on the account's OMEMO 2 list, else 0.3
   * ('axolotl'); undefined when neither list is known.
   */
  version: z.enum(['axolotl', 'omemo2']).optional(),
});
export type OmemoDevice = z.infer<typeof OmemoDeviceSchema>;

export const OmemoDevicesSchema = z.object({
  /** This device of ours, which the contact can verify. */
  own: OmemoDeviceSchema,
  devices: z.array(OmemoDeviceSchema),
});
export type OmemoDevices = z.infer<typeof OmemoDevicesSchema>;
