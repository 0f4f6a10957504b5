// Opens a conversation with any address, contact or not.
import { useId, useState } from 'react';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import { useUi } from '../../stores/ui.ts';

export function NewChat({ accountId, ownJid }: { readonly accountId: string; readonly ownJid: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <form
      className="new-chat"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseJid(text.trim());
        if (!parsed.ok) return setProblem(`Not a valid address: ${parsed.message}`);
        const peer = formatJid(bareJid(parsed.jid));
        if (peer === ownJid) return setProblem('That is the address of this account.');
        setProblem(undefined);
        setText('');
        useUi.getState().showChat(accountId, peer);
      }}
    >
      <label htmlFor={`${id}-jid`} className="visually-hidden">
        Start a chat with
      </label>
      <input
        id={`${id}-jid`}
        type="text"
        placeholder="Chat with name@server"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? undefined : `${id}-problem`}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" disabled={text.trim() === ''}>
        Open
      </button>
      {problem !== undefined && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
    </form>
  );
}
