// The bell struck through beside a muted conversation's name in its header, named for screen readers.
import { useTranslation } from 'react-i18next';

export function MutedMark() {
  const { t } = useTranslation();
  return (
    <span className="muted-mark" role="img" aria-label={t('chat.muted')} title={t('chat.muted')}>
      {' 🔕'}
    </span>
  );
}
