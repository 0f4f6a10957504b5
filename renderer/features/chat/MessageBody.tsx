// A message's text: plain text with its links as anchors (not in a message request), line breaks kept, long bodies
// shortened behind "Show more".
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitLinks } from './links.ts';
import { useMessageControlsTabIndex } from './message-focus.ts';
import { collapsedText } from './message-text.ts';
import { usePlainLinks } from './plain-links.ts';

export function MessageBody({ body }: { readonly body: string }) {
  const { t } = useTranslation();
  const plain = usePlainLinks();
  const tabIndex = useMessageControlsTabIndex();
  const [expanded, setExpanded] = useState(false);
  const short = useMemo(() => collapsedText(body), [body]);
  const shown = short !== undefined && !expanded ? short : body;
  const parts = useMemo(() => splitLinks(shown), [shown]);
  return (
    <>
      <p className="message-body">
        {parts.map((part, index) =>
          part.kind === 'link' && !plain ? (
            // The shell opens links in the system browser after checking their scheme.
            <a key={index} href={part.href} target="_blank" rel="noopener noreferrer" tabIndex={tabIndex}>
              {part.text}
            </a>
          ) : (
            part.text
          ),
        )}
      </p>
      {short !== undefined && (
        <button type="button" className="link-button show-more" tabIndex={tabIndex} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('message.showLess') : t('message.showMore')}
        </button>
      )}
    </>
  );
}
