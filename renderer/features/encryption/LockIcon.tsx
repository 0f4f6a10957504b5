// A closed or open padlock, drawn (a text glyph has no font everywhere), with a tick inside for a verified device; the
// element carrying it names it.
const closed = 'M7 11V7a5 5 0 0 1 10 0v4M5 11h14v10H5Z';
const open = 'M7 11V7a5 5 0 0 1 9.9-1M5 11h14v10H5Z';
const tick = 'M9 16l2 2 4-4';

export function LockIcon({ locked, verified = false }: { readonly locked: boolean; readonly verified?: boolean }) {
  return (
    <svg className="lock-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d={locked ? closed : open} />
      {locked && verified && <path d={tick} />}
    </svg>
  );
}
