// The HTML paper printed to A4 by a headless Chromium already on the machine
// (playwright-core downloads nothing). No network: the page is set directly
// and every request is refused.

import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Unavailable, type FlagOf } from '../errors.js';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const installHint = (flag: FlagOf) =>
  'Install Chromium (Debian/Ubuntu: "sudo apt-get install chromium"; macOS: install Google Chrome), ' +
  `or set TRACK_CHROME to the path of a Chromium or Chrome program. Markdown and HTML need no browser: use ${flag('format')} md or html.`;

/** The browser to print with: TRACK_CHROME, else the first Chromium or Chrome on the PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env['TRACK_CHROME'];
  if (chosen !== undefined && chosen !== '') return chosen;
  const dirs = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const name of CANDIDATES) {
    for (const dir of [...dirs, '/usr/bin']) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/**
 * Chromium's flags for printing a paper. Chromium refuses to start its
 * sandbox as root (containers, CI runners): only there is it turned off.
 * Elsewhere the sandbox stays on, as the paper's HTML comes from records
 * others may edit.
 */
export function chromiumArgs(uid: number | undefined): string[] {
  return ['--headless', ...(uid === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
}

export interface PdfOptions {
  /** Told each step, for a progress line on a terminal. */
  onProgress?: (step: string) => void;
  env?: NodeJS.ProcessEnv;
}

export async function printPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const executablePath = findChromium(options.env);
  if (executablePath === undefined) throw new Unavailable((flag) => `A PDF needs Chromium or Chrome, and none was found. ${installHint(flag)}`);
  if (!existsSync(executablePath)) throw new Unavailable((flag) => `TRACK_CHROME is set to ${executablePath}, which does not exist. ${installHint(flag)}`);
  const progress = options.onProgress ?? (() => undefined);
  const { chromium } = await import('playwright-core');
  progress('starting Chromium');
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: chromiumArgs(process.getuid?.()),
      timeout: 30_000,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Unavailable((flag) => `Could not start the browser at ${executablePath} to print the PDF: ${detail}. ${installHint(flag)}`);
  }
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.route('**/*', (route) => route.abort());
    progress('laying out the pages');
    await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
    progress('printing the PDF');
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
  } finally {
    await browser.close();
  }
}
