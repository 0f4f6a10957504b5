// Deterministic chat text of realistic lengths for the chat benchmarks: mostly short lines, some paragraphs, some links.

const words = [
  'ok', 'yes', 'no', 'thanks', 'see', 'you', 'tomorrow', 'the', 'meeting', 'moved', 'to', 'three', 'did', 'read', 'this',
  'draft', 'looks', 'good', 'but', 'maybe', 'shorten', 'intro', 'train', 'is', 'late', 'again', 'lunch', 'at', 'noon',
  'call', 'me', 'when', 'free', 'sending', 'photos', 'later', 'server', 'restarted', 'fine', 'now', 'weekend', 'plans',
  'coffee', 'question', 'about', 'invoice', 'great', 'idea', 'sure', 'why', 'not', 'almost', 'done', 'with', 'review',
];

const links = ['https://example.org/notes/2026/plan', 'https://causette.invalid/changelog#v0.1', 'https://en.wikipedia.org/wiki/XMPP'];

/** A small fixed-seed generator (mulberry32), so every run and both sides get the same text. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random: () => number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i += 1) out.push(words[Math.floor(random() * words.length)] ?? 'ok');
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The body of message number `index`: 1–20 words mostly; 1 in 10 carries a link; 1 in 25 is a long paragraph (up to ~2,000 characters). */
export function messageBody(index: number): string {
  const random = generator(index + 1);
  const roll = random();
  if (roll < 0.04) {
    const sentences = 10 + Math.floor(random() * 30);
    return Array.from({ length: sentences }, () => sentence(random, 6 + Math.floor(random() * 10))).join(' ');
  }
  const text = sentence(random, 1 + Math.floor(random() * 20));
  if (roll < 0.14) return `${text} ${links[Math.floor(random() * links.length)] ?? ''}`;
  return text;
}
