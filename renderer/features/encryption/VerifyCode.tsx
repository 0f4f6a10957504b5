// Verifying by code (XEP-0384 §8): the contact's `xmpp:…?omemo-sid-<id>=<fingerprint>` URI as their QR code holds it, or one
// fingerprint, pasted; the devices it matches are marked verified, and a code that matches none is said so.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { matchVerificationCode, parseVerificationCode } from '../../../shared/model/omemo-uri.ts';
import { Alert } from '../../components/Alert.tsx';
import { loadDevices } from '../../omemo-sync.ts';
import { call, messageOf } from '../../api.ts';

interface VerifyCodeProps {
  readonly accountId: string;
  readonly jid: string;
  /** Whose devices, for the label: the contact's name, or undefined for ours. */
  readonly name?: string;
  readonly autoFocus?: boolean;
}

export function VerifyCode({ accountId, jid, name, autoFocus = false }: VerifyCodeProps) {
  const id = useId();
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  // Opened by the banner's Verify… button: the field takes the focus, ready for the paste.
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  async function verify(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    const code = parseVerificationCode(text);
    if (!code) return setError(t('encryption.codeUnreadable'));
    try {
      // The devices as the core knows them now, fingerprints read from bundles not seen yet.
      const devices = await loadDevices(accountId, jid);
      const match = matchVerificationCode(code, jid, devices.devices);
      if (!match.ok) {
        if (match.reason === 'other-account') return setError(t('encryption.codeOtherAccount', { jid: match.jid, expected: jid }));
        if (match.reason === 'mismatch') return setError(t('encryption.codeMismatch', { device: match.deviceId }));
        return setError(t('encryption.codeNoMatch'));
      }
      for (const deviceId of match.deviceIds) await call('omemo.setTrust', { accountId, jid, deviceId, trust: 'verified' });
      setText('');
      setDone(t('encryption.codeVerified', { count: match.deviceIds.length, devices: match.deviceIds.join(', ') }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <form className="stack verify-code" onSubmit={(event) => void verify(event)}>
      <div className="field">
        <label htmlFor={`${id}-code`}>{name === undefined ? t('encryption.codeLabelOwn') : t('encryption.codeLabel', { name })}</label>
        <div className="row">
          <input
            id={`${id}-code`}
            type="text"
            value={text}
            spellCheck={false}
            autoComplete="off"
            ref={input}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" disabled={text.trim() === ''}>
            {t('encryption.codeSubmit')}
          </button>
        </div>
        <p id={`${id}-hint`} className="hint">
          {t('encryption.codeHint')}
        </p>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
      {done !== undefined && <p role="status">{done}</p>}
    </form>
  );
}
