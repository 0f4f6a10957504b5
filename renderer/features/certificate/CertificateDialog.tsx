// Asks, explicitly, whether to trust a certificate the server presented that could not be verified.
import { useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/ipc/errors.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { Modal } from '../../components/Modal.tsx';
import { locale } from '../../i18n/index.ts';
import { useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { findCertificatePrompt, formatCertificateDate, type CertificatePrompt } from './certificate-prompt.ts';

/** Shows the prompt for the first account waiting for a decision, if any. */
export function CertificatePromptHost() {
  const accounts = useAccounts((state) => state.accounts);
  const declined = useUi((state) => state.declinedCertificates);
  const prompt = findCertificatePrompt(accounts, declined);
  if (!prompt) return null;
  return <AccountCertificateDialog key={`${prompt.account.id} ${prompt.certificate.fingerprint256}`} prompt={prompt} />;
}

function AccountCertificateDialog({ prompt }: { readonly prompt: CertificatePrompt }) {
  const { account, certificate } = prompt;

  async function trust() {
    useUi.getState().forgetDeclined(account.id);
    const updated = await call('account.trustCertificate', { accountId: account.id, fingerprint256: certificate.fingerprint256 });
    useAccounts.getState().updated(updated);
  }

  function cancel() {
    useUi.getState().declineCertificate(account.id, certificate.fingerprint256);
    // Declining means not talking to that server: stop retrying against it.
    if (account.connection.status === 'reconnecting') void call('account.disconnect', { accountId: account.id }).catch(() => undefined);
  }

  return <CertificateDialog jid={account.jid} certificate={certificate} onTrust={trust} onCancel={cancel} />;
}

export interface CertificateDialogProps {
  /** The account whose server presented the certificate. */
  readonly jid: string;
  readonly certificate: CertificateInfo;
  /** Rejects with what to show when trusting failed. */
  readonly onTrust: () => Promise<void>;
  readonly onCancel: () => void;
}

/** The question itself, for signing in and for creating an account alike. */
export function CertificateDialog({ jid, certificate, onTrust, onCancel }: CertificateDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function trust() {
    setBusy(true);
    setError(undefined);
    try {
      await onTrust();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  const rows: readonly (readonly [string, string])[] = [
    [t('certificate.problem'), certificate.problem],
    [t('certificate.subject'), certificate.subject],
    [t('certificate.issuer'), certificate.issuer],
    [t('certificate.validFrom'), formatCertificateDate(certificate.validFrom, locale())],
    [t('certificate.validTo'), formatCertificateDate(certificate.validTo, locale())],
  ];

  return (
    <Modal titleId={`${id}-title`} describedBy={`${id}-intro`} onCancel={onCancel} initialFocus={cancelRef} className="certificate">
      <h2 id={`${id}-title`}>{t('certificate.title')}</h2>
      <p id={`${id}-intro`}>
        <Trans i18nKey="certificate.intro" values={{ jid, problem: certificate.problem }} components={{ strong: <strong /> }} />
      </p>
      <dl className="details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt id={`${id}-fingerprint`}>{t('certificate.fingerprint')}</dt>
          <dd>
            <code className="fingerprint" aria-labelledby={`${id}-fingerprint`}>
              {certificate.fingerprint256}
            </code>
          </dd>
        </div>
      </dl>
      <p className="warning">{t('certificate.warning')}</p>
      {error !== undefined && <Alert>{error}</Alert>}
      <div className="actions">
        <button type="button" ref={cancelRef} onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void trust()} disabled={busy}>
          {t('certificate.trust')}
        </button>
      </div>
    </Modal>
  );
}
