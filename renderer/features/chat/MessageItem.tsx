// One message in the list: the quote it answers, its text, time, edit mark, delivery state, reactions, its toolbar of
// actions, the question before deleting it, and in a room a moderator's removal (XEP-0425).
import { useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model/message.ts';
import { call, messageOf } from '../../api.ts';
import { errorText } from '../../i18n/errors.ts';
import { locale } from '../../i18n/index.ts';
import { placeActions } from './actions-placement.ts';
import { DeleteQuestion } from './DeleteQuestion.tsx';
import { EncryptionMark } from '../encryption/EncryptionMark.tsx';
import { MessageActions } from './MessageActions.tsx';
import { nickColour } from '../rooms/nick-colour.ts';
import { MessageBody } from './MessageBody.tsx';
import { FileCard } from '../transfers/FileCard.tsx';
import { sharedFileOf } from '../transfers/shared-file.ts';
import { usePlainLinks } from './plain-links.ts';
import { MessageControlsTabIndex } from './message-focus.ts';
import { MessageStatus } from './MessageStatus.tsx';
import { ownReactions, toggleReaction } from './message-rows.ts';
import { Reactions } from './Reactions.tsx';
import { mayModerateMessages } from '../../../shared/model/room-privileges.ts';
import { selectRoom, useRooms } from '../../stores/rooms.ts';
import { RoomTextDialog } from '../rooms/RoomTextDialog.tsx';
import { ReplyQuote } from './ReplyQuote.tsx';
import { truncationNote } from './truncation.ts';

interface MessageItemProps {
  readonly message: Message;
  /** The day, when this message is the first of its day on screen. */
  readonly day?: string | undefined;
  /** The first message that was unread when the conversation opened. */
  readonly firstUnread?: boolean;
  readonly ownJid: string;
  readonly peerName: string;
  /** In a room: the nickname that wrote it, shown above it (ours are not). */
  readonly sender?: string | undefined;
  readonly editable: boolean;
  readonly highlighted: boolean;
  /** The list's one tab stop. */
  readonly tabStop: boolean;
  /** It, or one of its controls, has the keyboard focus: its controls are in the tab order. */
  readonly focused: boolean;
  readonly onReply: (message: Message) => void;
  readonly onEdit: (message: Message) => void;
  readonly onShow: (messageId: string) => void;
  /** A command failed: what to tell the user. */
  readonly onError: (error: string) => void;
}

/** Formatters are costly to build and every row needs them: one pair per language. */
const formats = new Map<string, { readonly time: Intl.DateTimeFormat; readonly full: Intl.DateTimeFormat }>();

function formatsFor(language: string) {
  let found = formats.get(language);
  if (!found) {
    found = {
      time: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }),
      full: new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'medium' }),
    };
    formats.set(language, found);
  }
  return found;
}

export function MessageItem(props: MessageItemProps) {
  const { message, day, firstUnread = false, ownJid, peerName, sender, editable, highlighted, tabStop, focused, onReply, onEdit, onShow, onError } = props;
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [deleting, setDeleting] = useState(false);
  const [moderating, setModerating] = useState(false);
  // XEP-0425: a moderator of a room that allows it may remove what was said there, named by the room's stanza-id.
  const moderable = useRooms((state) => {
    const room = message.kind === 'groupchat' && message.stanzaId !== undefined ? selectRoom(state, message.accountId, message.peer) : undefined;
    return room?.state === 'joined' && room.features.moderation !== undefined && mayModerateMessages(room);
  });
  const { time: timeFormat, full: fullFormat } = formatsFor(locale());
  const { accountId, id: messageId } = message;
  const ours = ownReactions(message, ownJid);
  const fail = (cause: unknown) => onError(messageOf(cause));
  // XEP-0444 §3: each update carries our whole set of reactions.
  const react = (emoji: string) => void call('chat.react', { accountId, messageId, emojis: toggleReaction(ours, emoji) }).catch(fail);
  const author = message.direction === 'out' ? t('message.you') : (sender ?? peerName);
  const inRoom = message.kind === 'groupchat';
  const quoteAuthor = message.replyTo?.direction === undefined ? undefined : message.replyTo.direction === 'out' ? t('message.you') : peerName;
  const truncated = message.retracted ? undefined : truncationNote(message);
  // In a message request, a shared file stays a plain address: nothing is fetched from a stranger's server.
  const plainLinks = usePlainLinks();
  const file = plainLinks || message.bodyCut !== undefined ? undefined : sharedFileOf(message);
  // In a room, a message that names our nickname stands out (it is also what notifies by default).
  const mention = message.mention === true && !message.retracted;
  const classes = ['message', message.direction, highlighted ? 'highlighted' : '', message.retracted ? 'retracted' : '', mention ? 'mention' : ''].filter(Boolean).join(' ');
  const keepMessage = () => {
    setDeleting(false);
    ref.current?.querySelector<HTMLElement>('.message-actions .delete-ask')?.focus();
  };
  return (
    <div
      ref={ref}
      role="listitem"
      tabIndex={tabStop ? 0 : -1}
      className={classes}
      data-message-id={message.id}
      onPointerEnter={() => placeActions(ref.current)}
      onFocus={() => placeActions(ref.current)}
    >
      <MessageControlsTabIndex value={focused ? 0 : -1}>
        <span className="visually-hidden">{t('message.author', { author })}</span>
        {/* Seen; screen readers hear it as the author just above. */}
        {sender !== undefined && (
          <p className="message-sender" aria-hidden="true" style={{ color: nickColour(sender) }}>
            {sender}
          </p>
        )}
        {message.replyTo && !message.retracted && <ReplyQuote replyTo={message.replyTo} author={quoteAuthor} onShow={onShow} />}
        {message.retracted ? (
          <p className="message-body deleted">{removedText(message, t)}</p>
        ) : message.undecryptable === true ? (
          <p className="message-body undecryptable">{t('message.undecryptable', { device: message.senderDevice ?? 0 })}</p>
        ) : file !== undefined ? (
          <FileCard message={message} file={file} />
        ) : (
          <MessageBody body={message.body} />
        )}
        {truncated !== undefined && <p className="message-truncated">{truncated}</p>}
        <p className="message-meta">
          {day !== undefined && <span className="visually-hidden">{`${day}, `}</span>}
          <time dateTime={new Date(message.timestamp).toISOString()} title={fullFormat.format(message.timestamp)}>
            {timeFormat.format(message.timestamp)}
          </time>
          {message.correctedAt !== undefined && !message.retracted && (
            <span className="edited" title={t('message.editedAt', { time: fullFormat.format(message.correctedAt) })}>
              {' '}
              {t('message.edited')}
            </span>
          )}
          <EncryptionMark accountId={accountId} ownJid={ownJid} message={message} />
          {message.direction === 'out' && <MessageStatus state={message.state} />}
          {mention && <span className="visually-hidden">{`, ${t('message.mentionsYou')}`}</span>}
          {firstUnread && <span className="visually-hidden">{`, ${t('messages.new')}`}</span>}
        </p>
        {message.state === 'failed' && (
          <p className="message-error">
            <span>{message.failure ? errorText({ ...message.failure, message: message.error ?? '' }) : (message.error ?? t('message.refused'))}</span>
            <button type="button" tabIndex={focused ? 0 : -1} onClick={() => void call('chat.retry', { accountId, messageId }).catch(fail)}>
              {t('message.retry')}
            </button>
          </p>
        )}
        {!message.retracted && message.reactions && <Reactions reactions={message.reactions} ownJid={ownJid} onToggle={react} />}
        {!message.retracted && (
          <MessageActions
            message={message}
            ownReactions={ours}
            editable={editable}
            inRoom={inRoom}
            onReply={() => onReply(message)}
            onReact={react}
            onEdit={() => onEdit(message)}
            onResend={() => void call('chat.retry', { accountId, messageId }).catch(fail)}
            deleting={deleting}
            onDelete={() => setDeleting(!deleting)}
            onModerate={moderable ? () => setModerating(true) : undefined}
          />
        )}
        {moderating && (
          <RoomTextDialog
            title={t('moderation.removeQuestion', { author })}
            label={t('room.reason')}
            initial=""
            allowEmpty
            action={t('moderation.remove')}
            onSave={(reason) => call('muc.moderate', { accountId, messageId, ...(reason === '' ? {} : { reason }) })}
            onClose={() => setModerating(false)}
          />
        )}
        {deleting && !message.retracted && (
          <DeleteQuestion
            onKeep={keepMessage}
            onDelete={async () => {
              // XEP-0424: a retraction for everyone; the message stays, marked deleted, and keeps the focus.
              await call('chat.retract', { accountId, messageId });
              setDeleting(false);
              ref.current?.focus();
            }}
          />
        )}
      </MessageControlsTabIndex>
    </div>
  );
}

/** A deleted message's place: deleted by its sender (XEP-0424), or removed by a room's moderator, who and why (XEP-0425). */
function removedText(message: Message, t: TFunction): string {
  const moderation = message.moderated;
  if (!moderation) return t('message.deleted');
  const nick = moderation.by?.slice(moderation.by.indexOf('/') + 1);
  const who = moderation.by?.includes('/') && nick ? t('moderation.removedBy', { nick }) : t('moderation.removedByModerator');
  return moderation.reason === undefined ? who : `${who} (${t('moderation.removedReason', { reason: moderation.reason })})`;
}
