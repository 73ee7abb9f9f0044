// Templates as an attacker would write them: no file outside the template
// folders, nothing of JavaScript, and limits on time and memory.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { report } from '../src/commands/report.js';
import { exitFor } from '../src/cli/errors.js';
import { RENDER_LIMIT_MS } from '../src/report/engine.js';
import { item, PROJECT_ROOT, runTrack, SOURCE, workspace } from './helpers.js';

const TODAY = '2026-11-23';
/** The time limit the in-process tests render with: the mechanism is the same as with the default, in a fraction of the wait. */
const LIMIT_MS = 200;

/** A workspace whose own template is `text`. */
function withTemplate(text: string, extra: Record<string, string> = {}): string {
  return workspace({
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item('title: One\nnumber: 1\nstage: 2'),
    'templates/evil.md.liquid': text,
    ...extra,
  });
}

async function renderError(text: string, extra: Record<string, string> = {}): Promise<{ code: number; message: string; ms: number }> {
  const root = withTemplate(text, extra);
  const started = Date.now();
  try {
    await report({ root, today: TODAY, template: 'evil', format: 'md', renderLimitMs: LIMIT_MS });
  } catch (error) {
    const exit = exitFor(error);
    if (!exit) throw error;
    return { code: exit.code, message: exit.message, ms: Date.now() - started };
  }
  throw new Error('the template rendered');
}

describe('a hostile template', () => {
  it.each([
    ["{% include '/etc/passwd' %}", '/etc/passwd'],
    ["{% render '../../../etc/passwd' %}", '../../../etc/passwd'],
    ["{% layout '/etc/hostname' %}x", '/etc/hostname'],
    ["{% include 'partials/../../../../../../etc/passwd' %}", 'partials/../../../../../../etc/passwd'],
  ])('cannot read files outside the template folders: %s', async (text, wanted) => {
    const e = await renderError(text);
    expect(e.code).toBe(1);
    expect(e.message).toBe(
      `Template error in evil: templates/evil.md.liquid:1:1: cannot include "${wanted}": a template may only use files ending in .liquid inside templates/, templates/partials/ and templates/layouts/ (of the workspace or built in).`,
    );
  });

  it('cannot follow a symlink out of the template folders', async () => {
    const root = withTemplate("{% include 'leak' %}", { 'templates/partials/ok.liquid': 'fine' });
    symlinkSync('/etc/passwd', join(root, 'templates', 'partials', 'leak.liquid'));
    await expect(report({ root, today: TODAY, template: 'evil', format: 'md' })).rejects.toThrow(/cannot include "leak"/);
  });

  it.each(['{{ process }}', '{{ constructor }}', '{{ "".constructor.constructor }}', '{{ items.constructor }}', '{{ global }}', '{{ sources.first.__proto__ }}'])(
    'reaches nothing of JavaScript: %s',
    async (text) => {
      const e = await renderError(text);
      expect(e.code).toBe(1);
      expect(e.message).toMatch(/^Template error in evil: templates\/evil\.md\.liquid:1:\d+: the template uses "[^"]+", which the report has no value called\./);
    },
  );

  it.each([
    '{% for i in (1..100000000) %}x{% endfor %}',
    '{% for i in (1..10000) %}{% for j in (1..10000) %}{% endfor %}{% endfor %}',
    "{% assign s = 'xx' %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}",
  ])('is stopped within its limits: %s', async (text) => {
    const e = await renderError(text);
    expect(e.code).toBe(1);
    expect(e.message).toMatch(/the template (took longer than 0\.2 s to render|asked for more memory than a paper needs)/);
    expect(e.ms).toBeLessThan(3_000);
  });

  it('is stopped, in words, when it includes itself without end', async () => {
    // The default time limit, so that the stack runs out first however busy the machine is.
    const root = withTemplate("{% include 'again' %}", { 'templates/partials/again.liquid': "x{% include 'again' %}" });
    const e = exitFor(await report({ root, today: TODAY, template: 'evil', format: 'md' }).catch((error: unknown) => error))!;
    expect(e.code).toBe(1);
    expect(e.message).toMatch(/^Template error in evil: .*: the template includes itself \(or a partial that includes it\) without end and was stopped\./);
  });

  it('is given 5 s by default, as docs/templates.md says', () => {
    expect(RENDER_LIMIT_MS).toBe(5_000);
    expect(readFileSync(join(PROJECT_ROOT, 'docs', 'templates.md'), 'utf8').replace(/\s+/g, ' ')).toContain(`stopped after ${RENDER_LIMIT_MS / 1000} seconds of rendering`);
  });

  it('names the template file, line and misspelt variable, in a partial too', async () => {
    const e = await renderError("line one\n{% include 'row' %}", { 'templates/partials/row.liquid': 'ok\n\n  {{ itme.title }}\n' });
    expect(e.message).toBe('Template error in evil: templates/partials/row.liquid:3:6: the template uses "itme", which the report has no value called. Check the spelling (docs/templates.md lists every name).');
  });

  it('names an unknown filter and a syntax error with their place', async () => {
    expect((await renderError('\n{{ today | shout }}')).message).toMatch(/^Template error in evil: templates\/evil\.md\.liquid:2:1: undefined filter: shout\. The filters are listed/);
    expect((await renderError('{% if today %}\nno end')).message).toMatch(/^Template error in evil: templates\/evil\.md\.liquid:1:1: tag \{% if today %\} not closed\.$/);
  });

  it('through the CLI: a clear error, exit 1, nothing written to -o, at the default time limit', async () => {
    const root = withTemplate('{% for i in (1..1000000) %}{% for j in (1..1000000) %}{{ j }}{% endfor %}{% endfor %}');
    // Liquid times a render by performance.now(): here that clock moves 1 ms each time it is read, so the CLI's own
    // limit (nothing passed: the default) stops the loop after 5 s of its time and a few ms of the test's.
    const from = performance.now();
    let reads = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => from + ++reads);
    let r;
    try {
      r = await runTrack(['report', 'evil', '--format', 'html', '-o', 'out.html', '--today', TODAY], { cwd: root });
    } finally {
      clock.mockRestore();
    }
    // Stopped when its clock had run the limit, not before and not much after (a few reads are not the loop's).
    expect(reads, 'Liquid no longer times a render by performance.now(), or the limit is not 5 s').toBeGreaterThanOrEqual(RENDER_LIMIT_MS);
    expect(reads).toBeLessThan(RENDER_LIMIT_MS + 500);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Template error in evil: templates/evil.md.liquid:1:');
    expect(r.stderr).toContain('took longer than 5 s to render and was stopped');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'out.html'))).toBe(false);
  });
});
