// The small line drawings on the message toolbar's buttons; the buttons carry the words (aria-label, shown as a tooltip).

const paths = {
  reply: 'M9 17 4 12l5-5M4 12h11a5 5 0 0 1 5 5v2',
  react: 'M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0ZM8 14.5s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01',
  edit: 'M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z',
  resend: 'M21 12a9 9 0 1 1-2.6-6.4L21 8M21 3v5h-5',
  copy: 'M10 9h10a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10a1 1 0 0 1-1-1V10a1 1 0 0 1 1-1ZM5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1',
  copied: 'M20 6 9 17l-5-5',
  delete: 'M3 6h18M8 6V4a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v2M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6M10 11v6M14 11v6',
} as const;

export type ActionIconName = keyof typeof paths;

export function ActionIcon({ name }: { readonly name: ActionIconName }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[name]} />
    </svg>
  );
}
