/** One counter chip on a node card: its number and either a word ("in") or an icon. */
export interface CounterChip {
  key: string;
  value: number;
  word?: string;
}

/** Width of the run-stats row of a node card (card width less its padding). */
export const STATS_ROW_WIDTH = 194;
/** Estimated widths (px) of a chip's parts at the row's font size (10.5 px, tabular digits). */
const CHIP_CHROME = 12;
const CHIP_GAP = 4;
const DIGIT_WIDTH = 6.3;
const LETTER_WIDTH = 5.8;
const ICON_WIDTH = 13;
/** The "+N" chip that stands for counters with no room. */
const MORE_CHIP_WIDTH = 30;

/** How wide a chip is drawn (estimated; the row clips rather than wraps, so over-estimating is safe). */
export function chipWidth(chip: CounterChip): number {
  const digits = chip.value.toLocaleString('en-US').length * DIGIT_WIDTH;
  return CHIP_CHROME + digits + (chip.word ? LETTER_WIDTH * (chip.word.length + 1) : ICON_WIDTH);
}

/**
 * Split the chips (most important first) into those shown on one row of `rowWidth` and those
 * folded into a "+N" chip, so a busy node keeps its card height instead of growing a row. The
 * first `pinned` chips (the main flow numbers) are always shown.
 *
 * @example
 * fitCounterChips([{ key: 'in', value: 5, word: 'in' }], 1) // => { shown: [that chip], folded: [] }
 */
export function fitCounterChips<T extends CounterChip>(
  chips: readonly T[],
  pinned = 0,
  rowWidth = STATS_ROW_WIDTH,
): { shown: T[]; folded: T[] } {
  let used = 0;
  for (let i = 0; i < chips.length; i++) {
    if (i < pinned) {
      used += chipWidth(chips[i] as T) + (i > 0 ? CHIP_GAP : 0);
      continue;
    }
    const width = chipWidth(chips[i] as T) + (i > 0 ? CHIP_GAP : 0);
    const rest = i < chips.length - 1 ? CHIP_GAP + MORE_CHIP_WIDTH : 0;
    if (used + width + rest > rowWidth && !(i === chips.length - 1 && used + width <= rowWidth)) {
      return { shown: chips.slice(0, i), folded: chips.slice(i) };
    }
    used += width;
  }
  return { shown: [...chips], folded: [] };
}
