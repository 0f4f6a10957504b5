// A closed or open padlock, drawn (a text glyph has no font everywhere); for a verified device, a solid one with a tick cut
// out, distinct at a glance. The element carrying it names it.
const shackle = 'M7 11V7a5 5 0 0 1 10 0v4';
const closed = 'M7 11V7a5 5 0 0 1 10 0v4M5 11h14v10H5Z';
const open = 'M7 11V7a5 5 0 0 1 9.9-1M5 11h14v10H5Z';
const tick = 'M8.5 16l2.5 2.5 4.5-4.5';

export function LockIcon({ locked, verified = false }: { readonly locked: boolean; readonly verified?: boolean }) {
  return (
    <svg className="lock-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      {locked && verified ? (
        <>
          <path d={shackle} />
          <rect x={4} y={10} width={16} height={12} rx={1.5} fill="currentColor" />
          <path className="lock-tick" d={tick} strokeWidth={2.5} />
        </>
      ) : (
        <path d={locked ? closed : open} />
      )}
    </svg>
  );
}
