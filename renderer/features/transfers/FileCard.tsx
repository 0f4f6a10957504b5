// A file a message shares, as a card: its name, whether it is end-to-end encrypted, Download; then the download's
// progress with Cancel, and the name it was saved under (an image shown) or why it was not. The core fetches, decrypts
// and saves it; nothing is fetched before the user asks.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model/message.ts';
import { call, messageOf } from '../../api.ts';
import { errorText } from '../../i18n/errors.ts';
import { selectMessageDownload, useTransfers } from '../../stores/transfers.ts';
import { useMessageControlsTabIndex } from '../chat/message-focus.ts';
import { byteSize } from '../../../shared/i18n/byte-size.ts';
import { ImagePreview, isPreviewable } from './ImagePreview.tsx';
import type { SharedFile } from './shared-file.ts';

export function FileCard({ message, file }: { readonly message: Pick<Message, 'id' | 'accountId' | 'peer'>; readonly file: SharedFile }) {
  const { t, i18n } = useTranslation();
  const tabIndex = useMessageControlsTabIndex();
  const download = useTransfers((state) => selectMessageDownload(state, message.id));
  const [problem, setProblem] = useState<string>();
  const name = file.name === '' ? t('files.unnamed') : file.name;
  const running = download?.state === 'pending' || download?.state === 'active';

  function start(): void {
    setProblem(undefined);
    call('transfer.download', { accountId: message.accountId, peer: message.peer, url: file.url, messageId: message.id })
      .then((transfer) => useTransfers.getState().updated(transfer))
      .catch((failure: unknown) => setProblem(messageOf(failure)));
  }

  const percent = download && download.size > 0 ? Math.min(100, Math.floor((download.done / download.size) * 100)) : 0;
  return (
    <div className="file-card" role="group" aria-label={t('files.label', { name })}>
      <p className="file-card-title">
        <span className="transfer-name">{download?.state === 'done' ? download.name : name}</span>
        {file.encrypted && <span className="file-card-note">{t('files.encrypted')}</span>}
        {download !== undefined && download.size > 0 && <span className="transfer-size">{byteSize(download.size, i18n.language)}</span>}
      </p>
      {running ? (
        <div className="file-card-progress">
          <progress max={100} value={percent} aria-label={t('files.progress', { name })} aria-valuetext={t('transfers.percent', { percent })} />
          <button type="button" className="quiet" tabIndex={tabIndex} aria-label={t('files.cancelLabel', { name })} onClick={() => void call('transfer.cancel', { id: download.id }).catch(() => undefined)}>
            {t('transfers.cancel')}
          </button>
        </div>
      ) : download?.state === 'done' ? (
        <>
          {isPreviewable(download.name) && <ImagePreview transferId={download.id} name={download.name} />}
          <p className="file-card-state" role="status">
            {t('files.saved', { name: download.name })}
          </p>
        </>
      ) : (
        <div className="file-card-progress">
          {download?.state === 'failed' && (
            <p className="file-card-state failed" role="alert">
              {t('files.failed', { reason: download.error ? errorText(download.error) : t('transfers.unknown') })}
            </p>
          )}
          {download?.state === 'cancelled' && <p className="file-card-state">{t('files.cancelled')}</p>}
          {problem !== undefined && (
            <p className="file-card-state failed" role="alert">
              {t('files.failed', { reason: problem })}
            </p>
          )}
          <button type="button" tabIndex={tabIndex} aria-label={t('files.downloadLabel', { name })} onClick={start}>
            {t('files.download')}
          </button>
        </div>
      )}
    </div>
  );
}
