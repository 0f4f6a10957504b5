// The box to write in: Enter (or Ctrl+Enter, by the settings) sends, Shift+Enter breaks the line, Up in an empty box edits
// our last message; it grows with its text up to a limit; shows the reply or edit under way.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model/message.ts';
import { call, messageOf } from '../../api.ts';
import { useSettings } from '../../stores/settings.ts';
import { AttachButton } from '../transfers/AttachButton.tsx';
import { ctrlName, enterAction } from './send-keys.ts';
import { createTypingNotifier } from './typing-notifier.ts';

interface ComposerProps {
  readonly accountId: string;
  readonly peer: string;
  readonly peerName: string;
  /** A room: the message goes by muc.send (XEP-0045 §7.4), with no chat states. */
  readonly room?: boolean;
  readonly replyTo: Message | undefined;
  readonly editing: Message | undefined;
  readonly onCancelReply: () => void;
  readonly onCancelEdit: () => void;
  /** Up in an empty box: correct our last message. */
  readonly onEditLast: () => void;
  readonly onSent: () => void;
  readonly onError: (error: string | undefined) => void;
  /** Files picked or pasted: sent to the conversation. */
  readonly onFiles: (files: File[]) => void;
}

export function Composer({ accountId, peer, peerName, room = false, replyTo, editing, onCancelReply, onCancelEdit, onEditLast, onSent, onError, onFiles }: ComposerProps) {
  const id = useId();
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const sendWith = useSettings((state) => state.settings.sendWith);
  const [typing] = useState(() => createTypingNotifier((state) => void call('chat.typing', { accountId, peer, state }).catch(() => undefined)));
  const boxRef = useRef<HTMLTextAreaElement>(null);
  /** The draft put aside while a message is being edited. */
  const aside = useRef('');

  useEffect(() => () => typing.dispose(), [typing]);

  // Replacing a selection (typing or pasting over it) lays the box out empty midway: held at its height until the edit
  // is done, the list above does not jump. The native event: React's onBeforeInput misses pastes.
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    let frame = 0;
    // Let go before the next frame is laid out: the edit is done by then, even one that was refused.
    const hold = () => {
      box.style.minHeight = `${box.offsetHeight}px`;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        box.style.minHeight = '';
      });
    };
    box.addEventListener('beforeinput', hold);
    return () => {
      box.removeEventListener('beforeinput', hold);
      cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    if (editing) {
      aside.current = draft;
      setDraft(editing.body);
    } else {
      setDraft(aside.current);
      aside.current = '';
    }
    boxRef.current?.focus();
    // Only the start or end of an edit moves the draft, not each keystroke.
  }, [editing]);

  useEffect(() => {
    if (replyTo) boxRef.current?.focus();
  }, [replyTo]);

  const change = (text: string) => {
    setDraft(text);
    if (!editing && !room) typing.input(text);
  };

  const submit = () => {
    const body = draft;
    if (body.trim() === '') return;
    onError(undefined);
    if (editing) {
      const edited = editing;
      onCancelEdit();
      if (body === edited.body) return;
      // XEP-0308: the correction replaces the text of our last message.
      call('chat.correct', { accountId, messageId: edited.id, body }).catch((cause: unknown) => onError(messageOf(cause)));
      return;
    }
    setDraft('');
    typing.sent();
    const reply = replyTo;
    onCancelReply();
    onSent();
    // The stored message and its state changes come back as chat.message events; it is stored even while offline.
    const sending = room ? call('muc.send', { accountId, room: peer, body }) : call('chat.send', { accountId, peer, body, ...(reply ? { replyTo: reply.id } : {}) });
    sending.catch((cause: unknown) => {
      setDraft(body);
      onError(messageOf(cause));
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (enterAction(event, sendWith) === 'send') {
      event.preventDefault();
      submit();
    } else if (event.key === 'ArrowUp' && draft === '' && !editing) {
      event.preventDefault();
      onEditLast();
    } else if (event.key === 'Escape' && (editing || replyTo)) {
      event.preventDefault();
      if (editing) onCancelEdit();
      else onCancelReply();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {(replyTo ?? editing) && (
        <div className="composer-context" role="group" aria-label={editing ? t('composer.editingGroup') : t('composer.replyingGroup')}>
          <p className="composer-quote">
            {editing ? (
              <span className="composer-label">{t('composer.editing')}</span>
            ) : (
              replyTo && (
                <>
                  <span className="composer-label">{replyTo.direction === 'out' ? t('composer.replyingSelf') : t('composer.replyingTo', { name: peerName })}</span>
                  <span className="composer-quoted">{replyTo.body.length > 200 ? `${replyTo.body.slice(0, 200)}…` : replyTo.body}</span>
                </>
              )
            )}
          </p>
          <button type="button" className="quiet" onClick={editing ? onCancelEdit : onCancelReply}>
            {editing ? t('composer.cancelEdit') : t('composer.cancelReply')}
          </button>
        </div>
      )}
      <div className="composer-row">
        <label htmlFor={`${id}-message`} className="visually-hidden">
          {t('composer.label')}
        </label>
        <textarea
          id={`${id}-message`}
          ref={boxRef}
          rows={1}
          maxLength={100_000}
          placeholder={t('composer.placeholder', { name: peerName })}
          aria-describedby={`${id}-keys`}
          value={draft}
          onChange={(event) => change(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            // A pasted image (a screenshot) is sent as a file; pasted text is only text.
            const files = [...event.clipboardData.files];
            if (files.length === 0) return;
            event.preventDefault();
            onFiles(files);
          }}

        />
        <span id={`${id}-keys`} className="visually-hidden">
          {sendWith === 'enter' ? t('composer.keysEnter') : t('composer.keysCtrlEnter', { ctrl: ctrlName() })}
        </span>
        {/* After the box: the messages and the box stay next to each other in the tab order. */}
        <AttachButton onFiles={onFiles} />
        <button type="submit" disabled={draft.trim() === ''}>
          {editing ? t('common.save') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
