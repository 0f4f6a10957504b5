// Above a message request: who wrote and what is held back, then Accept, Delete, Block, or Block and report spam (XEP-0377).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useConfirmation } from '../../components/use-confirmation.ts';
import { selectBlocking, useBlocking } from '../../stores/blocking.ts';

type Decline = 'no' | 'block' | 'report';

interface RequestBarProps {
  readonly accountId: string;
  readonly peer: string;
  readonly online: boolean;
}

export function RequestBar({ accountId, peer, online }: RequestBarProps) {
  const id = useId();
  const { t } = useTranslation();
  const blocking = useBlocking((state) => selectBlocking(state, accountId));
  const { asking, ask, keep, busy, error, run, keepRef, askRef } = useConfirmation<Decline>();
  const accept = () => run(() => call('chat.acceptRequest', { accountId, peer }));
  const decline = (block: Decline) => run(() => call('chat.declineRequest', { accountId, peer, block }));

  const choices: { readonly kind: Decline; readonly label: string; readonly shown: boolean }[] = [
    { kind: 'no', label: t('messageRequests.delete'), shown: true },
    { kind: 'block', label: t('blocking.block'), shown: blocking.supported && online },
    { kind: 'report', label: t('blocking.report'), shown: blocking.reportSupported && online },
  ];
  const questions: Readonly<Record<Decline, string>> = {
    no: t('messageRequests.deleteQuestion', { jid: peer }),
    block: t('messageRequests.blockQuestion', { jid: peer }),
    report: t('messageRequests.reportQuestion', { jid: peer }),
  };

  return (
    <section className="request-bar" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('messageRequests.barTitle')}</h3>
      <p>{t('messageRequests.explain', { jid: peer })}</p>
      {asking === undefined ? (
        <div className="actions start">
          <button type="button" className="primary" disabled={busy} onClick={() => void accept()}>
            {t('messageRequests.accept')}
          </button>
          {choices
            .filter((choice) => choice.shown)
            .map((choice) => (
              <button
                key={choice.kind}
                type="button"
                className="danger-quiet"
                disabled={busy}
                ref={askRef(choice.kind)}
                onClick={() => ask(choice.kind)}
              >
                {choice.label}
              </button>
            ))}
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>{questions[asking]}</p>
          <div className="actions start">
            <button type="button" ref={keepRef} disabled={busy} onClick={keep}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void decline(asking)}>
              {choices.find((choice) => choice.kind === asking)?.label}
            </button>
          </div>
        </div>
      )}
      {error !== undefined && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
    </section>
  );
}
