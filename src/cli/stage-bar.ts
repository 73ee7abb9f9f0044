// The stage mix as one line for a terminal: a bar whose segments are as long
// as each stage's share of the items, each its own glyph as well as its own
// colour (so it reads without colour too), then a key with the counts.

import type { Palette } from './terminal.js';
import type { StageCount } from '../derive/summary.js';
import { paintStage } from './format.js';

const GLYPHS = ['█', '▓', '▒', '░', '■', '▪', '≡', '='];

/** Each count's share of `width` cells, by largest remainder, with at least one cell for any count above 0. */
export function segmentWidths(counts: readonly number[], width: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const cells = Math.max(width, counts.filter((n) => n > 0).length);
  const exact = counts.map((n) => (n / total) * cells);
  const widths = counts.map((n, i) => (n > 0 ? Math.max(1, Math.floor(exact[i]!)) : 0));
  let left = cells - widths.reduce((a, b) => a + b, 0);
  const byRemainder = counts.map((_, i) => i).filter((i) => counts[i]! > 0).sort((a, b) => (exact[b]! - widths[b]!) - (exact[a]! - widths[a]!) || a - b);
  for (let k = 0; left > 0; k++, left--) widths[byRemainder[k % byRemainder.length]!]!++;
  // The minimum of one cell can overfill: take the excess from the widest.
  while (left < 0) {
    const widest = widths.indexOf(Math.max(...widths));
    widths[widest]!--;
    left++;
  }
  return widths;
}

/** "Stage mix  ████▓▒▒▒░░░░░░░░  █ 2: 6  ▓ 3: 1  ▒ 4: 8  ░ 6: 28", or undefined when there are no items. */
export function stageBar(byStage: readonly StageCount[], c: Palette, width: number): string | undefined {
  const shown = byStage.filter((s) => s.count > 0);
  if (shown.length === 0) return undefined;
  const glyph = (i: number) => GLYPHS[i % GLYPHS.length]!;
  const key = shown.map((s, i) => `${paintStage(c, s, glyph(i))} ${String(s.id)}: ${s.count}`).join('  ');
  const keyLength = shown.reduce((n, s) => n + 2 + String(s.id).length + 2 + String(s.count).length, 0) + 2 * (shown.length - 1);
  const label = 'Stage mix  ';
  const barWidth = Math.max(10, Math.min(40, width - label.length - keyLength - 2));
  const widths = segmentWidths(shown.map((s) => s.count), barWidth);
  const bar = shown.map((s, i) => paintStage(c, s, glyph(i).repeat(widths[i]!))).join('');
  return `${label}${bar}  ${key}`;
}
