// A paper's Markdown as one self-contained HTML file with print styles. Raw
// HTML in records (and templates) is shown as text, never run; links keep only
// safe schemes. Same Markdown in, same bytes out.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import { Refusal } from '../errors.js';
import { markdownProblem, PAPER_MAX_CHARS } from '../records/markdown-limits.js';
import { BUILT_IN_DIR } from './engine.js';
import { figureIndex, type Figures } from './charts/figures.js';

/** The charts a render placed, and each one drawn as SVG (in the same order). */
export interface DrawnFigures {
  figures: Figures;
  svgs: readonly string[];
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A link target the reader may follow: a safe scheme, or none (a relative link or #anchor). */
export function safeHref(href: string): string | undefined {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const squeezed = href.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
  if (scheme === undefined) return /^[/\\]{2}/.test(squeezed) ? undefined : href;
  return SAFE_SCHEMES.has(scheme) ? href : undefined;
}

function markdownParser(drawn?: DrawnFigures): Marked {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  const chartAt = (token: Tokens.Generic | undefined) => (token?.type === 'image' ? figureIndex((token as Tokens.Image).href, drawn?.figures) : undefined);
  marked.use({
    renderer: {
      paragraph({ tokens }: Tokens.Paragraph) {
        // A paragraph that is only a placed chart becomes the chart itself.
        const index = tokens.length === 1 ? chartAt(tokens[0]) : undefined;
        if (index === undefined) return `<p>${this.parser.parseInline(tokens)}</p>\n`;
        return `<figure class="chart">\n${drawn!.svgs[index]!}\n</figure>\n`;
      },
      html({ text, block }: Tokens.HTML | Tokens.Tag) {
        const shown = escapeHtml(text);
        return block ? `<p>${shown.trim()}</p>\n` : shown;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const target = safeHref(href);
        if (target === undefined) return inner;
        const titled = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(target)}"${titled}>${inner}</a>`;
      },
      // A numbered list keeps the numbers as written ("2.", "4.", "7."): never renumbered 1, 2, 3.
      listitem(item: Tokens.ListItem) {
        const written = /^\s*(\d{1,9})[.)]/.exec(item.raw)?.[1];
        if (written === undefined) return false;
        return `<li value="${Number(written)}">${this.parser.parse(item.tokens)}</li>\n`;
      },
      image(token: Tokens.Image) {
        const { href, title, text } = token;
        const index = chartAt(token);
        if (index !== undefined) return `<span class="chart">${drawn!.svgs[index]!}</span>`;
        if (!SAFE_IMAGE.test(href)) return escapeHtml(text);
        const titled = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${titled}>`;
      },
    },
  });
  return marked;
}

/**
 * Run `parse` on a paper's Markdown only when the renderer can take it.
 * Records over marked's bounds are refused before this (rule
 * markdown-too-complex); this guard catches what a template makes, so marked
 * never overflows its stack or runs for minutes. Used by every renderer.
 */
export function withRenderableMarkdown<T>(markdown: string, parse: (markdown: string) => T): T {
  const problem = markdownProblem(markdown, PAPER_MAX_CHARS);
  if (problem) throw new Refusal(`The paper cannot be rendered: at line ${problem.line} of its Markdown, ${problem.message}; ${problem.hint}, or check the template.`);
  try {
    return parse(markdown);
  } catch (error) {
    if (error instanceof RangeError) throw new Refusal('The paper cannot be rendered: its Markdown nests too deeply for the renderer; run "track validate" to find the record, or check the template.');
    throw error;
  }
}

export function markdownToHtml(markdown: string, drawn?: DrawnFigures): string {
  return withRenderableMarkdown(markdown, (text) => markdownParser(drawn).parse(text) as string);
}

/** A CSS string literal that no value can break out of. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ').replace(/</g, '\\3C ')}"`;
}

function paperCss(root: string): string {
  const own = join(root, 'templates', 'paper.css');
  const builtInPath = join(BUILT_IN_DIR, 'paper.css');
  const builtIn = readFileSync(builtInPath, 'utf8');
  // A workspace whose templates/ is the built-in folder (track's own example records) has no CSS of its own to add.
  if (!existsSync(own) || realpathSync(own) === realpathSync(builtInPath)) return builtIn;
  // The workspace's paper.css comes after ours, so its rules win; "</" cannot close the style element.
  return `${builtIn}\n/* templates/paper.css */\n${readFileSync(own, 'utf8').replace(/<\//g, '<\\/')}`;
}

export interface HtmlPaperOptions {
  organisation: string;
  /** The workspace root, for its own templates/paper.css. */
  root: string;
  /** Used when the paper has no heading. */
  fallbackTitle: string;
  /** Charts the template placed, drawn. */
  figures?: DrawnFigures;
}

export function htmlPaper(markdown: string, options: HtmlPaperOptions): string {
  const body = markdownToHtml(markdown, options.figures);
  // The heading as text: record values arrive with "<" written as "&lt;" (record-text.ts).
  const heading = /^#\s+(.+)$/m.exec(markdown)?.[1]?.replace(/[*_`\\]/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
  const title = heading || options.fallbackTitle;
  const org = options.organisation;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="track">
<title>${escapeHtml(title)}</title>
<style>
@page {
  size: A4;
  margin: 24mm 20mm 22mm 20mm;
  @top-left { content: ${cssString(org)}; font: 9pt Arial, Helvetica, sans-serif; color: #444; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 9pt Arial, Helvetica, sans-serif; color: #444; }
}
${paperCss(options.root).trim()}
</style>
</head>
<body>
<header class="paper-header">${escapeHtml(org)}</header>
<main class="paper">
${body.trim()}
</main>
</body>
</html>
`;
}
