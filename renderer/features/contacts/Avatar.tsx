// A generated avatar (XEP-0392 §3.3): the name's first character on the JID's consistent colour.
import { useMemo } from 'react';
import { consistentColour, cssColour, initialOf, textColourOn } from './colour.ts';

interface AvatarProps {
  /** The bare JID: it chooses the colour, so a contact keeps it when renamed. */
  readonly jid: string;
  readonly name: string;
  readonly size?: 'small' | 'large';
}

export function Avatar({ jid, name, size = 'small' }: AvatarProps) {
  const style = useMemo(() => {
    const colour = consistentColour(jid);
    return { backgroundColor: cssColour(colour), color: textColourOn(colour) };
  }, [jid]);
  // Decorative: the name is always written next to it.
  return (
    <span className={`avatar avatar-${size}`} style={style} aria-hidden="true">
      {initialOf(name)}
    </span>
  );
}
