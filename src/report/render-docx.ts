// A paper's Markdown as a Word document, through the docx package: marked's
// tokens become headings, paragraphs, lists, tables and pictures. Lists keep
// the labels the Markdown gives them (Word's own numbering would renumber
// "2a" or restart at 1). A4, a sans-serif, the organisation and "Page N of M"
// in the footer, table header rows repeated on every page, each part of a
// paper from a new page as in print. Loaded only for --format docx.

import {
  AlignmentType, BorderStyle, Document, ExternalHyperlink, Footer, HeadingLevel, ImageRun, LineRuleType, Packer, PageNumber,
  Paragraph, ShadingType, Table, TableCell, TableRow, TabStopType, TextRun, WidthType,
  type IParagraphOptions, type IRunOptions, type ParagraphChild,
} from 'docx';
import { Marked, type Token, type Tokens } from 'marked';
import { figureIndex, type Figures } from './charts/figures.js';
import { safeHref, withRenderableMarkdown } from './render-html.js';

/** A placed chart: its SVG, a PNG of it for Word processors without SVG, and its size in pixels. */
export interface DocxFigure {
  svg: string;
  png: Uint8Array;
  width: number;
  height: number;
  title: string;
  description: string;
}

export interface DocxPaperOptions {
  organisation: string;
  title: string;
  figures?: { figures: Figures; drawn: readonly DocxFigure[] };
  /** A house style: the styles.xml of a reference document, which the paper's styles then are. */
  reference?: { styles: string };
}

const FONT = 'Arial';
const MONO = 'Courier New';
// A4 in twentieths of a point; margins as the HTML paper's print styles.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1361, right: 1134, bottom: 1247, left: 1134, header: 567, footer: 567 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const INDENT = 425; // 0.75 cm per list level

interface Inline {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' };
/** marked leaves entities written in the Markdown as they are; Word shows text, so decode them. */
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]!)
  .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));

class DocxWriter {
  private h1Seen = false;

  constructor(private readonly options: DocxPaperOptions) {}

  blocks(tokens: readonly Token[], level = 0): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    for (const token of tokens) out.push(...this.block(token, level));
    return out;
  }

  private block(token: Token, level: number): (Paragraph | Table)[] {
    switch (token.type) {
      case 'heading': {
        const t = token as Tokens.Heading;
        // Each part of a paper after the first starts a page, as in print.
        const pageBreakBefore = t.depth === 1 && this.h1Seen;
        if (t.depth === 1) this.h1Seen = true;
        return [new Paragraph({ heading: HEADINGS[t.depth - 1], keepNext: true, pageBreakBefore, children: this.inline(t.tokens) })];
      }
      case 'paragraph': {
        const t = token as Tokens.Paragraph;
        const chart = t.tokens.length === 1 ? this.chartOf(t.tokens[0]) : undefined;
        if (chart) return [new Paragraph({ keepNext: true, keepLines: true, children: [this.picture(chart)] })];
        return [this.paragraph(this.inline(t.tokens), level)];
      }
      case 'text': {
        const t = token as Tokens.Text;
        return [this.paragraph(t.tokens ? this.inline(t.tokens) : this.runs(t.text, {}), level)];
      }
      case 'list':
        return this.list(token as Tokens.List, level);
      case 'table':
        return [this.table(token as Tokens.Table), new Paragraph({ spacing: { after: 0 }, children: [] })];
      case 'code':
        return (token as Tokens.Code).text.split('\n').map((line) =>
          new Paragraph({ indent: { left: level * INDENT }, spacing: { after: 0 }, children: [new TextRun({ text: line, font: MONO, size: 18 })] }));
      case 'blockquote':
        return this.blocks((token as Tokens.Blockquote).tokens, level + 1);
      case 'hr':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }, children: [] })];
      case 'html':
        // Raw HTML is shown as text, never interpreted, as in the HTML paper.
        return [this.paragraph(this.runs((token as Tokens.HTML).text.trim(), {}), level)];
      case 'space':
        return [];
      default:
        return 'text' in token && typeof token.text === 'string' ? [this.paragraph(this.runs(token.text, {}), level)] : [];
    }
  }

  private paragraph(children: ParagraphChild[], level: number, extra: IParagraphOptions = {}): Paragraph {
    return new Paragraph({ ...(level > 0 ? { indent: { left: level * INDENT } } : {}), ...extra, children });
  }

  /** Each item with its own label ("3.", "2a", "•") hanging before its text. */
  private list(list: Tokens.List, level: number): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    const start = typeof list.start === 'number' ? list.start : 1;
    list.items.forEach((item, i) => {
      const written = /^\s*(\d{1,9}[.)])/.exec(item.raw)?.[1];
      const label = item.task ? (item.checked ? '☒' : '☐') : list.ordered ? (written ?? `${start + i}.`) : '•';
      const left = (level + 1) * INDENT + (list.ordered ? 142 : 0);
      const [first, ...rest] = item.tokens.filter((t) => t.type !== 'space' && t.type !== 'checkbox');
      const firstRuns = first && (first.type === 'text' || first.type === 'paragraph')
        ? ((first as Tokens.Text).tokens ? this.inline((first as Tokens.Text).tokens!) : this.runs((first as Tokens.Text).text, {}))
        : [];
      out.push(new Paragraph({
        indent: { left, hanging: left - level * INDENT },
        tabStops: [{ type: TabStopType.LEFT, position: left }],
        spacing: { after: 60 },
        children: [new TextRun({ text: `${label}\t` }), ...firstRuns],
      }));
      const remaining = first && firstRuns.length === 0 ? [first, ...rest] : rest;
      out.push(...this.blocks(remaining, level + 1));
    });
    return out;
  }

  private table(table: Tokens.Table): Table {
    const align = (a: Tokens.TableCell['align']) => (a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
    const cell = (c: Tokens.TableCell, header: boolean) => new TableCell({
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } } : {}),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [new Paragraph({ alignment: align(c.align), spacing: { after: 0 }, children: this.inline(c.tokens, header ? { bold: true } : {}) })],
    });
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: this.columnWidths(table),
      rows: [
        // The header row repeats at the top of every page the table runs onto.
        new TableRow({ tableHeader: true, cantSplit: true, children: table.header.map((c) => cell(c, true)) }),
        ...table.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c) => cell(c, false)) })),
      ],
    });
  }

  /** Columns as wide as their longest text suggests, within limits, filling the text width. */
  private columnWidths(table: Tokens.Table): number[] {
    const weights = table.header.map((h, i) => {
      const longest = Math.max(h.text.length, ...table.rows.map((r) => this.plain(r[i]?.tokens).length));
      return Math.min(60, Math.max(7, longest));
    });
    const total = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  }

  private chartOf(token: Token | undefined): DocxFigure | undefined {
    const figures = this.options.figures;
    if (token?.type !== 'image' || !figures) return undefined;
    const index = figureIndex((token as Tokens.Image).href, figures.figures);
    return index === undefined ? undefined : figures.drawn[index];
  }

  private picture(figure: DocxFigure): ImageRun {
    // As wide as the text, never wider, in proportion.
    const maxWidth = Math.floor((TEXT_WIDTH / 1440) * 96);
    const scale = Math.min(1, maxWidth / figure.width);
    return new ImageRun({
      type: 'svg',
      data: Buffer.from(figure.svg, 'utf8'),
      fallback: { type: 'png', data: figure.png },
      transformation: { width: Math.round(figure.width * scale), height: Math.round(figure.height * scale) },
      altText: { name: figure.title, title: figure.title, description: figure.description },
    });
  }

  inline(tokens: readonly Token[] | undefined, style: Inline = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const token of tokens ?? []) {
      switch (token.type) {
        case 'strong':
          out.push(...this.inline((token as Tokens.Strong).tokens, { ...style, bold: true }));
          break;
        case 'em':
          out.push(...this.inline((token as Tokens.Em).tokens, { ...style, italics: true }));
          break;
        case 'del':
          out.push(...this.inline((token as Tokens.Del).tokens, { ...style, strike: true }));
          break;
        case 'codespan':
          out.push(...this.runs((token as Tokens.Codespan).text, { ...style, code: true }));
          break;
        case 'br':
          out.push(new TextRun({ break: 1 }));
          break;
        case 'link': {
          const t = token as Tokens.Link;
          const target = safeHref(t.href);
          const children = this.inline(t.tokens, style) as TextRun[];
          // Only links a reader may follow; a relative link has no meaning in a Word file, so its text stays.
          if (target !== undefined && /^(https?|mailto|tel):/i.test(target)) {
            out.push(new ExternalHyperlink({ link: target, children: this.runs(this.plain(t.tokens), { ...style }, 'Hyperlink') }));
          } else out.push(...children);
          break;
        }
        case 'image': {
          const chart = this.chartOf(token);
          if (chart) out.push(this.picture(chart));
          else out.push(...this.runs((token as Tokens.Image).text, style));
          break;
        }
        case 'text': {
          const t = token as Tokens.Text;
          out.push(...(t.tokens ? this.inline(t.tokens, style) : this.runs(t.text, style)));
          break;
        }
        default:
          if ('text' in token && typeof token.text === 'string') out.push(...this.runs(token.text, style));
      }
    }
    return out;
  }

  private plain(tokens: readonly Token[] | undefined): string {
    return (tokens ?? []).map((t) => ('tokens' in t && t.tokens ? this.plain(t.tokens) : 'text' in t ? String(t.text) : '')).join('');
  }

  /** Text as runs: a line break inside the text (a Markdown hard break kept as text) becomes a Word line break. */
  private runs(text: string, style: Inline, characterStyle?: string): TextRun[] {
    const options: IRunOptions = {
      ...(style.bold ? { bold: true } : {}),
      ...(style.italics ? { italics: true } : {}),
      ...(style.strike ? { strike: true } : {}),
      ...(style.code ? { font: MONO } : {}),
      ...(characterStyle ? { style: characterStyle } : {}),
    };
    return decode(text).split('\n').map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
  }
}

/** The styles of a paper without a house style: Arial throughout, headings as in the HTML paper. */
function ownStyles() {
  const heading = (id: string, name: string, size: number, before: number) => ({
    id, name, basedOn: 'Normal', next: 'Normal', quickFormat: true,
    run: { font: FONT, size, bold: true, color: '000000' },
    paragraph: { spacing: { before, after: 120 }, keepNext: true },
  });
  return {
    default: { document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } } } },
    paragraphStyles: [
      heading('Heading1', 'Heading 1', 32, 240),
      heading('Heading2', 'Heading 2', 26, 240),
      heading('Heading3', 'Heading 3', 24, 200),
      heading('Heading4', 'Heading 4', 22, 160),
      heading('Heading5', 'Heading 5', 22, 120),
      heading('Heading6', 'Heading 6', 22, 120),
    ],
  };
}

function footer(organisation: string): Footer {
  return new Footer({
    children: [new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      children: [
        new TextRun({ text: organisation, size: 18, color: '444444' }),
        new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18, color: '444444' }),
      ],
    })],
  });
}

/** The Word document of a paper. */
export async function docxPaper(markdown: string, options: DocxPaperOptions): Promise<Buffer> {
  const tokens = withRenderableMarkdown(markdown, (text) => new Marked({ gfm: true, breaks: false, async: false }).lexer(text));
  const writer = new DocxWriter(options);
  const doc = new Document({
    title: options.title,
    creator: options.organisation,
    lastModifiedBy: options.organisation,
    ...(options.reference ? { externalStyles: options.reference.styles } : { styles: ownStyles() }),
    sections: [{
      properties: { page: { size: PAGE, margin: MARGIN } },
      footers: { default: footer(options.organisation) },
      children: writer.blocks(tokens),
    }],
  });
  return Packer.toBuffer(doc);
}
