// A chart's SVG as PNG, for Word processors that cannot show SVG, rendered
// by resvg (a native library shipped in npm packages): no browser.

import { Resvg } from '@resvg/resvg-js';

/** The SVG rasterised at `scale` times its size, so it stays sharp in print. */
export function svgToPng(svg: string, width: number, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    background: '#ffffff',
    // The chart asks for Arial, Helvetica, Liberation Sans, then any sans-serif the machine has.
    font: { loadSystemFonts: true, sansSerifFamily: 'Liberation Sans', defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
