// An avatar: the cached image when the contact has one (XEP-0084/XEP-0153), else a generated one (XEP-0392 §3.3): the
// name's first character on the JID's consistent colour.
import { useEffect, useMemo } from 'react';
import { ensureAvatar, useAvatars } from '../../stores/avatars.ts';
import { consistentColour, cssColour, initialOf, textColourOn } from './colour.ts';

interface AvatarProps {
  /** The bare JID: it chooses the colour, so a contact keeps it when renamed. */
  readonly jid: string;
  readonly name: string;
  readonly size?: 'small' | 'large';
  /** The account to ask avatar.get through, and the image's SHA-1; without both, the initials. */
  readonly accountId?: string;
  readonly hash?: string | undefined;
}

export function Avatar({ jid, name, size = 'small', accountId, hash }: AvatarProps) {
  const image = useAvatars((state) => (hash === undefined ? undefined : state.images[hash]));
  useEffect(() => {
    if (accountId !== undefined && hash !== undefined && image === undefined) ensureAvatar(accountId, hash);
  }, [accountId, hash, image]);
  const style = useMemo(() => {
    const colour = consistentColour(jid);
    return { backgroundColor: cssColour(colour), color: textColourOn(colour) };
  }, [jid]);
  // Decorative: the name is always written next to it.
  if (typeof image === 'string') return <img className={`avatar avatar-${size} avatar-image`} src={image} alt="" aria-hidden="true" />;
  return (
    <span className={`avatar avatar-${size}`} style={style} aria-hidden="true">
      {initialOf(name)}
    </span>
  );
}
