// One occupant's menu in the room (WAI-ARIA menu button): a private message (XEP-0045 §7.5), and what our role and
// affiliation allow on them (§8, §9, §10, by shared/model/room-privileges.ts); kick and ban ask for a reason first.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Occupant } from '../../../shared/model/room.ts';
import { affiliationOf, occupantActions, roleOf, type OccupantAction, type OwnStanding } from '../../../shared/model/room-privileges.ts';
import { call } from '../../api.ts';
import { useUi } from '../../stores/ui.ts';

interface OccupantMenuProps {
  readonly accountId: string;
  readonly room: string;
  readonly occupant: Occupant;
  readonly own: OwnStanding;
  /** Kick or ban: the list asks for the reason. */
  readonly onRemove: (how: 'kick' | 'ban', occupant: Occupant) => void;
  /** An action sent: undefined; refused by the room: its error. */
  readonly onDone: (error?: unknown) => void;
}

type Item = OccupantAction | 'privateMessage';

export function OccupantMenu({ accountId, room, occupant, own, onRemove, onDone }: OccupantMenuProps) {
  const id = useId();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const items: readonly Item[] = ['privateMessage', ...occupantActions(own, occupant)];
  const labels: Readonly<Record<Item, string>> = {
    privateMessage: t('moderation.privateMessage'),
    grantVoice: t('moderation.grantVoice'),
    revokeVoice: t('moderation.revokeVoice'),
    grantModerator: t('moderation.grantModerator'),
    revokeModerator: t('moderation.revokeModerator'),
    makeMember: t('moderation.makeMember'),
    makeAdmin: t('moderation.makeAdmin'),
    makeOwner: t('moderation.makeOwner'),
    removeAffiliation: t('moderation.removeAffiliation'),
    kick: t('moderation.kick'),
    ban: t('moderation.ban'),
  };

  // The first item takes focus as the menu opens; a click elsewhere closes it.
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  function close(): void {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function choose(item: Item): void {
    close();
    if (item === 'privateMessage') return useUi.getState().showChat(accountId, `${room}/${occupant.nick}`);
    if (item === 'kick' || item === 'ban') return onRemove(item, occupant);
    const request =
      item in roleOf
        ? call('muc.setRole', { accountId, room, nick: occupant.nick, role: roleOf[item as keyof typeof roleOf] })
        : call('muc.setAffiliation', { accountId, room, jid: occupant.jid ?? '', affiliation: affiliationOf[item as keyof typeof affiliationOf] });
    request.then(
      () => onDone(),
      (error: unknown) => onDone(error),
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    const entries = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      entries[(to + entries.length) % entries.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') setOpen(false);
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="quiet occupant-menu-button"
        id={`${id}-button`}
        aria-label={t('moderation.actionsFor', { nick: occupant.nick })}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' || open) return;
          event.preventDefault();
          setOpen(true);
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul ref={menuRef} id={`${id}-menu`} className="occupant-menu" role="menu" aria-labelledby={`${id}-button`} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <li key={item} role="none">
              <button type="button" role="menuitem" tabIndex={-1} className={item === 'ban' || item === 'kick' ? 'danger-quiet' : undefined} onClick={() => choose(item)}>
                {labels[item]}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
