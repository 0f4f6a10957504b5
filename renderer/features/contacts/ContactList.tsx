// The contact list, virtualized so thousands of contacts stay smooth; arrow keys move between rows.
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import { selectBlocking, useBlocking } from '../../stores/blocking.ts';
import { useUi } from '../../stores/ui.ts';
import { contactRows, groupContacts, type Row } from './contact-rows.ts';
import { ContactRow, GroupRow, type ItemProps } from './ContactRow.tsx';

const rowHeight: Readonly<Record<Row['kind'], number>> = { group: 34, contact: 54 };

interface ContactListProps {
  readonly accountId: string;
  readonly contacts: ReadonlyMap<string, Contact>;
  readonly query: string;
}

export function ContactList({ accountId, contacts, query }: ContactListProps) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [activeKey, setActiveKey] = useState<string>();
  const focusPending = useRef<string>(undefined);
  const scrollRef = useRef<HTMLDivElement>(null);
  const blocked = useBlocking((state) => selectBlocking(state, accountId).jids);
  const openJid = useUi((state) => (state.openChat?.accountId === accountId ? state.openChat.peer : undefined));

  const groups = useMemo(() => groupContacts(contacts.values(), query), [contacts, query]);
  const rows = useMemo(() => contactRows(groups, collapsed), [groups, collapsed]);
  const tabbableKey = rows.some((row) => row.key === activeKey) ? activeKey : rows[0]?.key;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => rowHeight[rows[index]?.kind ?? 'contact'],
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 10,
  });

  // Focus follows the keyboard once the row it moved to is rendered.
  useLayoutEffect(() => {
    const key = focusPending.current;
    if (key === undefined) return;
    const items = scrollRef.current?.querySelectorAll<HTMLElement>('[data-key]') ?? [];
    const button = [...items].find((item) => item.dataset.key === key)?.querySelector('button');
    if (button) {
      focusPending.current = undefined;
      button.focus();
    }
  });

  function toggle(name: string) {
    setCollapsed((before) => {
      const next = new Set(before);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  }

  function moveTo(index: number) {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setActiveKey(row.key);
    focusPending.current = row.key;
    virtualizer.scrollToIndex(rows.indexOf(row));
  }

  function onKeyDown(event: KeyboardEvent) {
    const current = rows.findIndex((row) => row.key === tabbableKey);
    const target = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: rows.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  }

  const noMatch = rows.length === 0 && query.trim() !== '';
  return (
    <>
      <p role="status" className={noMatch ? 'hint no-match' : 'visually-hidden'}>
        {noMatch ? t('contacts.noMatch', { query: query.trim() }) : ''}
      </p>
      <div ref={scrollRef} className="contact-scroll">
        <ul aria-label={t('sidebar.contacts')} className="contact-list" style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const tabbable = row.key === tabbableKey;
            const itemProps: ItemProps = {
              'data-key': row.key,
              'aria-setsize': rows.length,
              'aria-posinset': item.index + 1,
              style: { height: item.size, transform: `translateY(${item.start}px)` },
              onFocus: () => setActiveKey(row.key),
            };
            return row.kind === 'group' ? (
              <GroupRow
                key={row.key}
                item={itemProps}
                group={row.group}
                expanded={row.expanded}
                tabbable={tabbable}
                onToggle={() => toggle(row.group.name)}
              />
            ) : (
              <ContactRow
                key={row.key}
                item={itemProps}
                contact={row.contact}
                accountId={accountId}
                open={row.contact.jid === openJid}
                blocked={blocked.includes(row.contact.jid)}
                tabbable={tabbable}
                onOpen={() => useUi.getState().showChat(accountId, row.contact.jid)}
              />
            );
          })}
        </ul>
      </div>
    </>
  );
}
