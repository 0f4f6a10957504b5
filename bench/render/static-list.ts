// The scroll baseline: the same message texts as a plain, fully rendered list (no framework, no virtualization).
import { messageBody } from '../bodies.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${String(c.charCodeAt(0))};`);

export function staticListHtml(rows: number): string {
  const items = Array.from({ length: rows }, (_, i) => {
    const outgoing = (i * 7919) % 5 < 2;
    return `<div role="listitem" class="${outgoing ? 'out' : 'in'}" data-message-id="static-${String(i)}"><p>${escapeHtml(messageBody(i))}</p><time>12:${String(i % 60).padStart(2, '0')}</time></div>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>Static list</title><style>
    body { margin: 0; font: 14px/1.4 system-ui, sans-serif; }
    .scroll { height: 100vh; overflow-y: auto; }
    [role="listitem"] { padding: 6px 16px; }
    [role="listitem"] p { margin: 0; max-width: 60ch; padding: 6px 10px; border-radius: 10px; background: #eef; white-space: pre-wrap; overflow-wrap: anywhere; }
    .out p { margin-left: auto; background: #dfd; }
    time { font-size: 11px; color: #666; }
  </style></head><body><div class="scroll"><div role="list" aria-label="Messages">${items.join('')}</div></div></body></html>`;
}
