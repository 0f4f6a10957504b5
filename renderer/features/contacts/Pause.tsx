// Between two pieces of a presence line: a comma for screen readers; sighted users see a dot drawn by CSS.
export function Pause() {
  return <span className="visually-hidden">, </span>;
}
