// The conversation's messages, virtualized: pages of history load at either end, the view sticks to the newest, older pages keep the place;
// one tab stop, the arrows going from message to message.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model/message.ts';
import { loadNewer, loadOlder, openAround, openLatest } from '../../chat-sync.ts';
import { locale } from '../../i18n/index.ts';
import { selectView, useChat } from '../../stores/chat.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { Avatar } from '../contacts/Avatar.tsx';
import { placeShownActions } from './actions-placement.ts';
import { dayLabel } from './days.ts';
import { useMessageFocus } from './message-focus.ts';
import { useStickToNewest } from './stick-to-newest.ts';
import { lastOwnMessage, messageRows } from './message-rows.ts';
import { MessageItem } from './MessageItem.tsx';

/** How close to an end of what is loaded (in pixels) the view must come for the next page there to load. */
const edgePixels = 600;
/** The space above the first row for "Loading messages…" or "Beginning of the conversation". */
const topHeight = 40;
const highlightMs = 3_000;
/** Within this many pixels of the bottom counts as at the bottom. */
const endThreshold = 48;

type Goal = { readonly kind: 'end' } | { readonly kind: 'message'; readonly id: string };

interface MessageListProps {
  readonly accountId: string;
  readonly peer: string;
  readonly peerName: string;
  readonly ownJid: string;
  /** A room's conversation: each incoming message shows its sender's nickname and avatar. */
  readonly room?: boolean;
  /** The oldest unread message when the conversation was opened: the "New messages" marker goes above it. */
  readonly firstUnreadId: string | undefined;
  /** A message to scroll to and highlight (a search hit, a quote); the number changes on each request. */
  readonly focus: { readonly messageId: string; readonly request: number } | undefined;
  /** Changes when we sent a message: the view goes to the newest. */
  readonly sentCount: number;
  readonly onReply: (message: Message) => void;
  readonly onEdit: (message: Message) => void;
  readonly onShow: (messageId: string) => void;
  readonly onError: (error: string) => void;
}

export function MessageList(props: MessageListProps) {
  const { accountId, peer, peerName, ownJid, room = false, firstUnreadId, focus: shown, sentCount } = props;
  const { t } = useTranslation();
  const view = useChat((state) => selectView(state, accountId, peer));
  const avatarHash = useRoster((state) => selectAccountRoster(state, accountId)?.contacts.get(peer)?.avatarHash);
  const rows = useMemo(() => messageRows(view.messages, firstUnreadId), [view.messages, firstUnreadId]);
  const editable = view.hasNewer ? undefined : lastOwnMessage(view.messages)?.id;
  const scrollRef = useRef<HTMLDivElement>(null);
  const ids = useMemo(() => rows.map((row) => row.message.id), [rows]);
  const roving = useMessageFocus(ids, scrollRef);
  const stick = useStickToNewest(scrollRef, view.hasNewer, endThreshold);
  const [highlight, setHighlight] = useState<string>();
  /** Where the view should go once the rows it needs are there. */
  const target = useRef<Goal | undefined>(shown ? { kind: 'message', id: shown.messageId } : { kind: 'end' });
  const openedOnMessage = useRef(shown !== undefined);
  /** A newer page is being added below: the view must not follow it to the end. */
  const addingNewer = useRef(false);
  const now = Date.now();

  // The top of the conversation (loading, or its beginning) sits in the padding above the rows, so it never is the anchor.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 72,
    paddingStart: topHeight,
    getItemKey: (index) => rows[index]?.message.id ?? index,
    anchorTo: 'end',
    followOnAppend: !addingNewer.current && !view.hasNewer,
    scrollEndThreshold: endThreshold,
    overscan: 8,
    // The message with the focus stays rendered while the list scrolls away from it, so that the focus is not lost.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      const kept = roving.focusedIndex;
      return kept < 0 || indexes.includes(kept) ? indexes : [...indexes, kept].sort((a, b) => a - b);
    },
  });

  // Opening: the newest page, unless the conversation opens on a message.
  useEffect(() => {
    if (!openedOnMessage.current) void openLatest(accountId, peer);
  }, [accountId, peer]);

  // After we sent: to the newest, reading it first when the view is further back.
  useEffect(() => {
    if (sentCount === 0) return;
    target.current = { kind: 'end' };
    if (selectView(useChat.getState(), accountId, peer).hasNewer) void openLatest(accountId, peer);
  }, [sentCount, accountId, peer]);

  // Before the layout effect below, in the same commit: a hit in the conversation already open is shown at once.
  useLayoutEffect(() => {
    if (!shown) return;
    target.current = { kind: 'message', id: shown.messageId };
    const loaded = selectView(useChat.getState(), accountId, peer).messages.some((message) => message.id === shown.messageId);
    if (!loaded) void openAround(accountId, peer, shown.messageId);
  }, [shown, accountId, peer]);

  // Goes where it was asked once the rows are in.
  useLayoutEffect(() => {
    const goal = target.current;
    if (!goal || view.loading === 'latest' || view.loading === 'around') return;
    if (goal.kind === 'end') {
      if (view.hasNewer || rows.length === 0) return;
      target.current = undefined;
      virtualizer.scrollToEnd();
      return;
    }
    const index = rows.findIndex((row) => row.message.id === goal.id);
    if (index < 0) return;
    target.current = undefined;
    stick.leave();
    virtualizer.scrollToIndex(index, { align: 'center' });
    setHighlight(goal.id);
    roving.activate(goal.id);
  });

  useEffect(() => {
    addingNewer.current = false;
  }, [view.messages]);

  useEffect(() => {
    if (highlight === undefined) return;
    const timer = setTimeout(() => setHighlight(undefined), highlightMs);
    return () => clearTimeout(timer);
  }, [highlight]);

  /** Near an end of what is loaded, the next page there is read; the loaders skip it while one is under way. */
  const loadNearEdges = () => {
    const scroller = scrollRef.current;
    if (!scroller || target.current !== undefined || view.loading !== undefined || view.error !== undefined) return;
    const fromBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
    if (scroller.scrollTop < edgePixels && view.hasOlder) void loadOlder(accountId, peer);
    else if (fromBottom < edgePixels && view.hasNewer) {
      addingNewer.current = true;
      void loadNewer(accountId, peer);
    }
  };
  // A first page too short to scroll gets the next one at once.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (scroller && scroller.scrollHeight <= scroller.clientHeight) loadNearEdges();
  });

  const items = virtualizer.getVirtualItems();
  // The last message focused, while it is rendered; else the last one in view.
  const rendered = items.some((item) => item.index === roving.activeIndex);
  const tabStop = rendered ? roving.activeIndex : Math.min(virtualizer.range?.endIndex ?? rows.length - 1, rows.length - 1);
  const atEnd = !view.hasNewer && virtualizer.isAtEnd(endThreshold);
  const jumpToLatest = () => {
    target.current = { kind: 'end' };
    if (view.hasNewer) void openLatest(accountId, peer);
    else virtualizer.scrollToEnd({ behavior: 'smooth' });
  };

  return (
    <div className="message-pane">
      <div
        ref={scrollRef}
        className="message-scroll"
        onScroll={() => {
          stick.onScroll();
          loadNearEdges();
          placeShownActions(scrollRef.current);
        }}
      >
        <div
          // A list holds items: while there is none (and none is loading), the words above say so, and it is no list yet.
          {...(rows.length > 0 || view.loading !== undefined ? { role: 'list', 'aria-label': t('messages.label'), 'aria-busy': view.loading !== undefined } : {})}
          className="messages"
          style={{ height: virtualizer.getTotalSize() }}
          onFocus={roving.onFocus}
          onBlur={roving.onBlur}
          onKeyDown={(event) => roving.onKeyDown(event, (index) => virtualizer.scrollToIndex(index, { align: 'auto' }))}
        >
          <ConversationTop
            loading={view.loading !== undefined && view.loading !== 'newer'}
            hasOlder={view.hasOlder}
            empty={rows.length === 0}
            error={view.error}
            retry={() => void (rows.length === 0 ? openLatest(accountId, peer) : loadOlder(accountId, peer))}
          />
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="message-row" style={{ transform: `translateY(${item.start}px)` }}>
                {/* Seen here; a list holds only its items, so screen readers hear the day and the marker inside the message. */}
                {row.startsDay && (
                  <p className="day-heading" aria-hidden="true">
                    {dayLabel(row.message.timestamp, now, locale())}
                  </p>
                )}
                {row.firstUnread && (
                  <p className="unread-marker" aria-hidden="true">
                    {t('messages.new')}
                  </p>
                )}
                <MessageItem
                  message={row.message}
                  day={row.startsDay ? dayLabel(row.message.timestamp, now, locale()) : undefined}
                  firstUnread={row.firstUnread}
                  ownJid={ownJid}
                  peerName={peerName}
                  sender={senderOf(row.message)}
                  editable={row.message.id === editable}
                  highlighted={row.message.id === highlight}
                  tabStop={item.index === tabStop}
                  focused={row.message.id === roving.focusedId}
                  onReply={props.onReply}
                  onEdit={props.onEdit}
                  onShow={props.onShow}
                  onError={props.onError}
                />
                {/* Beside the list item, not in it: its text stays the message's own. */}
                {row.endsGroup && row.message.direction === 'in' && (
                  <span className="sender-avatar">
                    {room ? (
                      <Avatar jid={senderOf(row.message) ?? peer} name={senderOf(row.message) ?? peerName} />
                    ) : (
                      <Avatar jid={peer} name={peerName} accountId={accountId} hash={avatarHash} />
                    )}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd && rows.length > 0 && (
        <button type="button" className="jump-latest" onClick={jumpToLatest}>
          {t('messages.jump')}
        </button>
      )}
    </div>
  );
}

/** XEP-0045 §7.4: who wrote an incoming groupchat message, by nickname. */
function senderOf(message: Message): string | undefined {
  return message.kind === 'groupchat' && message.direction === 'in' ? message.sender?.nick : undefined;
}

interface ConversationTopProps {
  readonly loading: boolean;
  readonly hasOlder: boolean;
  readonly empty: boolean;
  readonly error: string | undefined;
  readonly retry: () => void;
}

function ConversationTop({ loading, hasOlder, empty, error, retry }: ConversationTopProps) {
  const { t } = useTranslation();
  const style = { height: topHeight };
  if (error !== undefined) {
    return (
      <p className="conversation-top field-error" style={style}>
        {t('messages.historyFailed', { reason: error })}{' '}
        <button type="button" className="link-button" onClick={retry}>
          {t('common.tryAgain')}
        </button>
      </p>
    );
  }
  if (loading) return <p className="conversation-top progress working" style={style}>{t('messages.loading')}</p>;
  return <p className="conversation-top hint" style={style}>{hasOlder ? '' : empty ? t('messages.none') : t('messages.beginning')}</p>;
}
