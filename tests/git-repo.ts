// Real temporary git repositories with scripted, reproducible histories.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SOURCE, workspace } from './helpers.js';

const QUIET_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  // Each commit would otherwise start `git maintenance run --auto` (one more process, for a repository of a few files).
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'maintenance.auto',
  GIT_CONFIG_VALUE_0: 'false',
};

export class ScriptedRepo {
  readonly root: string;

  /** A new repository of `files` (with the test configuration), or a copy of the repository at `copyOf`. */
  constructor(files: Record<string, string>, copyOf?: string) {
    this.root = workspace(files, copyOf === undefined);
    if (copyOf === undefined) this.git('init', '-q', '-b', 'main');
    else cpSync(copyOf, this.root, { recursive: true });
  }

  /** A new repository, in a folder of its own, that is a copy of this one: its files, history and branches. */
  copy(): ScriptedRepo {
    return new ScriptedRepo({}, this.root);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, env: { ...process.env, ...QUIET_ENV, ...this.who('Test', '2008-01-01') }, encoding: 'utf8' });
  }

  write(path: string, content: string): this {
    const abs = join(this.root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.root, path));
    return this;
  }

  /** Commit everything as `author` on `date` (noon UTC unless the date carries a time). */
  commit(author: string, date: string, message: string): string {
    // One shell for the three git commands: starting a process from the test's is the slow part.
    const script = 'git add -A && git commit -q --allow-empty -m "$1" && git rev-parse HEAD';
    return execFileSync('sh', ['-c', script, 'commit', message], { cwd: this.root, env: { ...process.env, ...QUIET_ENV, ...this.who(author, date) }, encoding: 'utf8' }).trim();
  }

  /** Run git as `author` on `date`, for merges, reverts and renames. */
  as(author: string, date: string, ...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, env: { ...process.env, ...QUIET_ENV, ...this.who(author, date) }, encoding: 'utf8' });
  }

  private who(author: string, date: string): Record<string, string> {
    const when = date.includes('T') ? date : `${date}T12:00:00+00:00`;
    const email = `${author.toLowerCase().replace(/\W+/g, '.')}@example.org`;
    return {
      GIT_AUTHOR_NAME: author,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: author,
      GIT_COMMITTER_EMAIL: email,
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_DATE: when,
    };
  }
}


const r1 = (extra: { stage?: number; due?: string; owners?: string; updates?: string } = {}) => `---
title: Cohesive community development strategy
number: 1
owners: ${extra.owners ?? '[leeds-pct]'}
stage: ${extra.stage ?? 4}
due: ${extra.due ?? '2008-06-30'}
${extra.updates ? `updates:\n${extra.updates}` : ''}---
That Leeds Primary Care Trust progresses a Community Development Strategy.
`;

const DONE_UPDATE = `  - date: 2008-03-10
    stage: 2
    by: leeds-pct
    note: |
      As both the Leeds PCT Strategy and the Leeds Strategic Plan are near completion,
      the strategy is in place.
`;

const r2 = (updates = '') => `---
title: Health and wellbeing workers
number: 2
owners: [adult-social-services]
stage: 4
${updates ? `updates:\n${updates}` : ''}---
That Adult Social Services funds health and wellbeing workers.
`;

/**
 * The story both log and changes tests read (dates are commit dates, noon UTC):
 * 2008-01-10 Ann Clerk   adds r1 (stage 4, due 2008-06-30), r2 and r4
 * 2008-03-11 Bob Officer r1 achieved (stage 2) with an update
 * 2008-03-20 Dee Author  on branch "owners": r1 gains an owner
 * 2008-03-25 Cat Chair   on main: r2 update proposing stage 2
 * 2008-04-01 Cat Chair   merges "owners"
 * 2008-05-01 Cat Chair   moves r1's due to 2008-12-31 with no reason
 * 2008-05-02 Bob Officer reverts that
 * 2008-06-01 Ann Clerk   renames r1.md to r1-strategy.md (git mv), tags it v1
 * 2008-06-10 Dee Author  adds r3, deletes r4
 */
export function scriptedHistory(): ScriptedRepo & { commits: Record<string, string> } {
  // Made once (some twenty git processes), then copied for each test that asks, which may change its copy.
  story ??= tellStory();
  return Object.assign(story.copy(), { commits: { ...story.commits } });
}

let story: (ScriptedRepo & { commits: Record<string, string> }) | undefined;

function tellStory(): ScriptedRepo & { commits: Record<string, string> } {
  const dir = 'records/leeds-cd-2007';
  const repo = new ScriptedRepo({
    'meetings.yaml': '- date: 2008-03-01\n  title: Scrutiny Board (Health and Adult Social Care)\n- date: 2008-09-01\n  title: Scrutiny Board (Health and Adult Social Care)\n',
    [`${dir}/source.md`]: SOURCE,
    [`${dir}/r1.md`]: r1(),
    [`${dir}/r2.md`]: r2(),
    [`${dir}/r4.md`]: '---\ntitle: A recommendation later withdrawn\nnumber: 4\nowners: [leeds-pct]\nstage: 6\n---\nWithdrawn.\n',
  });
  const commits: Record<string, string> = {};
  commits['add'] = repo.commit('Ann Clerk', '2008-01-10', 'Add the inquiry recommendations');
  repo.write(`${dir}/r1.md`, r1({ stage: 2, updates: DONE_UPDATE }));
  commits['achieved'] = repo.commit('Bob Officer', '2008-03-11', 'r1 achieved');
  repo.as('Dee Author', '2008-03-20', 'checkout', '-q', '-b', 'owners');
  repo.write(`${dir}/r1.md`, r1({ stage: 2, updates: DONE_UPDATE, owners: '[leeds-pct, adult-social-services]' }));
  commits['owners'] = repo.commit('Dee Author', '2008-03-20', 'r1: add Adult Social Services as an owner');
  repo.as('Cat Chair', '2008-03-25', 'checkout', '-q', 'main');
  repo.write(`${dir}/r2.md`, r2('  - date: 2008-03-24\n    proposed_stage: 2\n    note: The workers are funded.\n'));
  commits['proposed'] = repo.commit('Cat Chair', '2008-03-25', 'r2: owner reports achieved');
  repo.as('Cat Chair', '2008-04-01', 'merge', '-q', '--no-ff', '--no-edit', 'owners');
  commits['merge'] = repo.git('rev-parse', 'HEAD').trim();
  repo.write(`${dir}/r1.md`, r1({ stage: 2, updates: DONE_UPDATE, owners: '[leeds-pct, adult-social-services]', due: '2008-12-31' }));
  commits['moved'] = repo.commit('Cat Chair', '2008-05-01', 'r1: new date');
  repo.as('Bob Officer', '2008-05-02', 'revert', '--no-edit', 'HEAD');
  commits['revert'] = repo.git('rev-parse', 'HEAD').trim();
  repo.as('Ann Clerk', '2008-06-01', 'mv', `${dir}/r1.md`, `${dir}/r1-strategy.md`);
  commits['rename'] = repo.commit('Ann Clerk', '2008-06-01', 'Rename r1');
  repo.git('tag', 'v1');
  repo.write(`${dir}/r3.md`, '---\ntitle: Community development workers\nnumber: 3\nowners: [leeds-pct]\nstage: 5\ndue: 2009-03\n---\nText.\n');
  repo.remove(`${dir}/r4.md`);
  commits['r3'] = repo.commit('Dee Author', '2008-06-10', 'Add r3, withdraw r4');
  return Object.assign(repo, { commits });
}

export { r1, r2, DONE_UPDATE };
