// Where a conversation is shown; for now, what to expect when none is open.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function ConversationPane() {
  const id = useId();
  const { t } = useTranslation();
  return (
    <main className="conversation" aria-labelledby={`${id}-title`}>
      <div className="empty">
        <h2 id={`${id}-title`}>{t('main.noConversation')}</h2>
        <p className="hint">{t('main.pick')}</p>
      </div>
    </main>
  );
}
