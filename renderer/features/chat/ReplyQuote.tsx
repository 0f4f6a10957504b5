// XEP-0461: the quote of the message a reply answers, above the reply; clicking it shows the original.
import { useTranslation } from 'react-i18next';
import type { ReplyTo } from '../../../shared/model/message.ts';
import { useMessageControlsTabIndex } from './message-focus.ts';

interface ReplyQuoteProps {
  readonly replyTo: ReplyTo;
  /** Who wrote the original, when known. */
  readonly author: string | undefined;
  readonly onShow: (messageId: string) => void;
}

export function ReplyQuote({ replyTo, author, onShow }: ReplyQuoteProps) {
  const { t } = useTranslation();
  const tabIndex = useMessageControlsTabIndex();
  const quote = replyTo.quote.length > 200 ? `${replyTo.quote.slice(0, 200)}…` : replyTo.quote;
  const content = (
    <>
      {author !== undefined && <span className="reply-author">{author}</span>}
      <span className="reply-text">{quote}</span>
    </>
  );
  const { messageId } = replyTo;
  return messageId === undefined ? (
    <blockquote className="reply-quote">{content}</blockquote>
  ) : (
    <button type="button" className="reply-quote" tabIndex={tabIndex} aria-description={t('reply.show')} onClick={() => onShow(messageId)}>
      {content}
    </button>
  );
}
