// The keys of the closed Status menu, handled by Causette so that moving through it only chooses: the presence goes
// out when the choice is confirmed (Enter, a click in the open menu, or leaving the menu), not at each step.

export interface StatusOption<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly disabled: boolean;
}

/** The option a key moves to from `current`, skipping disabled ones; undefined when the key does not move the choice. */
export function stepChoice<T extends string>(options: readonly StatusOption<T>[], current: T, key: string): T | undefined {
  const enabled = options.filter((option) => !option.disabled);
  if (enabled.length === 0) return undefined;
  const at = enabled.findIndex((option) => option.value === current);
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return enabled[Math.min(at + 1, enabled.length - 1)]?.value;
    case 'ArrowUp':
    case 'ArrowLeft':
      return enabled[Math.max(at - 1, 0)]?.value;
    case 'Home':
    case 'PageUp':
      return enabled[0]?.value;
    case 'End':
    case 'PageDown':
      return enabled.at(-1)?.value;
    default:
      return key.length === 1 && key.trim() !== '' ? typeAhead(enabled, at, key) : undefined;
  }
}

/** The next option after `at` whose label starts with the letter typed, going round, as a closed menu does. */
function typeAhead<T extends string>(enabled: readonly StatusOption<T>[], at: number, letter: string): T | undefined {
  const wanted = letter.toLocaleLowerCase();
  for (let step = 1; step <= enabled.length; step += 1) {
    const option = enabled[(at + step) % enabled.length];
    if (option?.label.toLocaleLowerCase().startsWith(wanted)) return option.value;
  }
  return undefined;
}
