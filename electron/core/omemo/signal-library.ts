// The one entry to libsignal-protocol-typescript: its bundled emscripten curve installs process-wide
// uncaughtException/unhandledRejection handlers that abort on any unrelated rejection (issue 12, point 9).
// Import order matters: the snapshot module is evaluated before the library, the removal right after.
import { beforeSignalLibrary, removeListenersAddedSince } from './process-listeners.ts';
import * as signal from '@privacyresearch/libsignal-protocol-typescript';
import { AsyncCurve25519Wrapper } from '@privacyresearch/curve25519-typescript';
import { createNodeCurve } from './node-curve.ts';
import { nodeWebCrypto } from './node-webcrypto.ts';

export const removedProcessListeners = removeListenersAddedSince(beforeSignalLibrary);

/** The library's own curve, kept for XEdDSA signatures and for comparing against in tests. */
export const libraryCurve = new AsyncCurve25519Wrapper();

signal.setCurve(createNodeCurve(libraryCurve));
// Only the members the library calls are provided; the parameter's type (Crypto) differs between the DOM and Node
// typings of our tsconfigs, so the assertion is needed by some and not by the one ESLint reads.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
signal.setWebCrypto(nodeWebCrypto as unknown as Parameters<typeof signal.setWebCrypto>[0]);

export const { KeyHelper, SessionBuilder, SessionCipher, SignalProtocolAddress, FingerprintGenerator, Direction } = signal;
export type { StorageType, KeyPairType, PreKeyPairType, SignedPreKeyPairType, SessionRecordType, DeviceType, MessageType } from '@privacyresearch/libsignal-protocol-typescript';
