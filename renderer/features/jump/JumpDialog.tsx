// "Go to" (Ctrl/Cmd+K): type a name or an address, arrows to choose, Enter to open that conversation (WAI-ARIA combobox).
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.tsx';
import { selectConversations, useChat } from '../../stores/chat.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { useUi } from '../../stores/ui.ts';
import { Avatar } from '../contacts/Avatar.tsx';
import { contactStateLabel, stateClass } from '../presence/labels.ts';
import { jumpTargets } from './jump-matches.ts';

export function JumpDialog({ accountId, onClose }: { readonly accountId: string; readonly onClose: () => void }) {
  const id = useId();
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const conversations = useChat((state) => selectConversations(state, accountId));
  const contacts = useRoster((state) => selectAccountRoster(state, accountId)?.contacts);
  const targets = useMemo(() => jumpTargets(query, conversations, contacts), [query, conversations, contacts]);
  const current = Math.min(active, targets.length - 1);

  const open = (peer: string) => {
    onClose();
    useUi.getState().showChat(accountId, peer);
  };

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (targets.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + targets.length) % targets.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const target = targets[current];
      if (target) open(target.peer);
    }
  }

  return (
    <Modal titleId={`${id}-title`} onCancel={onClose} initialFocus={inputRef} className="jump">
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('jump.title')}
      </h2>
      <label htmlFor={`${id}-query`} className="visually-hidden">
        {t('jump.label')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-query`}
        type="text"
        role="combobox"
        aria-expanded={targets.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={targets.length > 0 ? `${id}-option-${current}` : undefined}
        placeholder={t('jump.placeholder')}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={t('jump.results')} className="jump-list">
        {targets.map((target, index) => (
          <li
            key={target.peer}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'jump-option active' : 'jump-option'}
            onMouseMove={() => setActive(index)}
            onClick={() => open(target.peer)}
          >
            <Avatar jid={target.peer} name={target.name} accountId={accountId} hash={target.contact?.avatarHash} />
            <span className="jump-name">{target.name}</span>
            {target.name !== target.peer && <span className="jump-address">{target.peer}</span>}
            {target.contact && (
              <span className="jump-state">
                <span className={`dot ${stateClass(target.contact)}`} aria-hidden="true" />
                {contactStateLabel(target.contact)}
              </span>
            )}
          </li>
        ))}
      </ul>
      {targets.length === 0 && (
        <p className="hint jump-empty" role="status">
          {query.trim() === '' ? t('jump.nothingYet') : t('jump.noMatch', { query: query.trim() })}
        </p>
      )}
    </Modal>
  );
}
