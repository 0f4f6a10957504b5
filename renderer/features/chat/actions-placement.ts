// Where a message's toolbar goes when shown: just above the bubble, from the side the bubble hangs on (so that it runs
// into the list, never off it), moved down or along as far as needed to stay inside the visible part of the list.

/** How far the toolbar comes down over its bubble, so that the pointer goes from one to the other without leaving both. */
const overlap = 6;
/** Space kept between the toolbar and the edges of the visible list. */
const margin = 4;

const within = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high));

export function placeActions(message: Element | null): void {
  const bar = message?.querySelector<HTMLElement>(':scope > .message-actions');
  const scroller = message?.closest<HTMLElement>('.message-scroll');
  if (!message || !bar || !scroller) return;
  const box = message.getBoundingClientRect();
  const frame = scroller.getBoundingClientRect();
  // The client box: the list as seen, without its scroll bar.
  const top = frame.top + scroller.clientTop + margin;
  const left = frame.left + scroller.clientLeft + margin;
  const bottom = top + scroller.clientHeight - 2 * margin;
  const right = left + scroller.clientWidth - 2 * margin;
  const { offsetWidth: width, offsetHeight: height } = bar;
  const y = within(overlap - height, top - box.top, bottom - height - box.top);
  const x = within(message.classList.contains('out') ? box.width - width : 0, left - box.left, right - width - box.left);
  bar.style.inset = `${Math.round(y)}px auto auto ${Math.round(x)}px`;
}

/** The toolbars shown in a list (under the pointer, or with the keyboard focus), placed again after a scroll. */
export function placeShownActions(scroller: Element | null): void {
  for (const message of scroller?.querySelectorAll('.message:hover, .message:focus-within') ?? []) placeActions(message);
}
