// Opens a conversation with any address, contact or not.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import { useUi } from '../../stores/ui.ts';
import { onOwnServer } from '../contacts/own-server.ts';

export function NewChat({ accountId, ownJid }: { readonly accountId: string; readonly ownJid: string }) {
  const id = useId();
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <form
      className="new-chat"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseJid(text.trim());
        if (!parsed.ok) return setProblem(t('newChat.invalid', { reason: parsed.message }));
        const suggestion = onOwnServer(parsed.jid, ownJid);
        if (suggestion !== undefined) {
          setText(suggestion);
          return setProblem(t('newChat.noServer', { suggestion }));
        }
        const peer = formatJid(bareJid(parsed.jid));
        if (peer === ownJid) return setProblem(t('newChat.own'));
        setProblem(undefined);
        setText('');
        useUi.getState().showChat(accountId, peer);
      }}
    >
      <label htmlFor={`${id}-jid`} className="visually-hidden">
        {t('newChat.label')}
      </label>
      <input
        id={`${id}-jid`}
        type="text"
        placeholder={t('newChat.placeholder')}
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? undefined : `${id}-problem`}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={text.trim() === ''}>
        {t('newChat.open')}
      </button>
      {problem !== undefined && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
    </form>
  );
}
