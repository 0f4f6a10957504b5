// A conversation's or a room's encryption state (OMEMO, XEP-0384), kept up to date from the core's events.
import { useEffect, useState } from 'react';
import type { EncryptionState } from '../../../shared/model/encryption.ts';
import { call, listen } from '../../api.ts';

export function useEncryption(accountId: string, peer: string): [EncryptionState | undefined, (state: EncryptionState) => void] {
  const [state, setState] = useState<EncryptionState | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setState(undefined);
    const stop = listen('omemo.encryption', (event) => {
      if (event.accountId === accountId && event.state.peer === peer) setState(event.state);
    });
    call('omemo.encryption', { accountId, peer }).then(
      (answer) => live && setState((known) => known ?? answer),
      () => undefined,
    );
    return () => {
      live = false;
      stop();
    };
  }, [accountId, peer]);
  return [state, setState];
}
