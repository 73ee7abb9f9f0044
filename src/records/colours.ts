// Stage colours: the names a config may use, each a shade dark enough to read
// on white paper (WCAG 2.1 non-text contrast, 3:1, and 4.5:1 for text), or a
// hex colour of the config's own.

/** Colour names a stage may carry, and the print-safe shade each one means. */
export const NAMED_COLOURS: Readonly<Record<string, string>> = Object.freeze({
  red: '#c62828',
  amber: '#b45309',
  orange: '#c2410c',
  yellow: '#8a6d00',
  green: '#2e7d32',
  teal: '#00796b',
  blue: '#1565c0',
  purple: '#6a1b9a',
  pink: '#ad1457',
  brown: '#6d4c41',
  grey: '#616161',
  gray: '#616161',
  black: '#212121',
});

const HEX_RE = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The colour a stage's `colour` value means, as #rrggbb; undefined when it is not a colour. */
export function colourHex(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  const named = NAMED_COLOURS[v];
  if (named) return named;
  if (!HEX_RE.test(v)) return undefined;
  return v.length === 4 ? `#${v[1]}${v[1]}${v[2]}${v[2]}${v[3]}${v[3]}` : v;
}

/** "red, amber, green, …": for messages and docs. */
export function colourChoices(): string {
  return Object.keys(NAMED_COLOURS).join(', ');
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
