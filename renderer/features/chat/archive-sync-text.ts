// The words for the XEP-0313 catch-up's progress; empty when there is nothing to say.
import type { ArchiveSync } from '../../../shared/model/message.ts';
import { i18n, locale } from '../../i18n/index.ts';

export function archiveSyncText(sync: ArchiveSync | undefined): string {
  if (sync?.status === 'syncing') {
    return sync.fetched === 0
      ? i18n.t('archive.fetching')
      : i18n.t('archive.fetchingSoFar', { count: sync.fetched, fetched: sync.fetched.toLocaleString(locale()) });
  }
  if (sync?.status === 'failed') {
    return i18n.t('archive.failed', { reason: (sync.error ?? i18n.t('archive.unknown')).replace(/\.$/, '') });
  }
  return '';
}
