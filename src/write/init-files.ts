// The files `track init` writes: a working workspace with one example source
// and item, valid under the chosen stage scale. Kept as text here because
// tsc does not copy other files into dist/.

import type { TrackDate } from '../records/dates.js';

export type StagePreset = 'leeds' | 'rag' | 'pac';

/** The example item's stage on each preset: open, with progress made. */
const EXAMPLE_STAGE: Record<StagePreset, string> = { leeds: '4', rag: 'amber', pac: 'work-in-progress' };

const STAGE_NOTE: Record<StagePreset, string> = {
  leeds: 'Leeds-style scrutiny stages 1 to 6',
  rag: 'red, amber, green, complete',
  pac: 'Treasury Minutes progress on Public Accounts Committee recommendations',
};

export function configFile(stages: StagePreset): string {
  return `# The track workspace. The format is described in the track documentation.
organisation: Your Organisation      # shown on every board paper
stages: ${stages}   # ${STAGE_NOTE[stages]}; or a list of your own
stale_after_days: 120                # an open item with no update for longer is stale
response_days: 61                    # a recommendation with no response this long after its source is flagged

# Who owns items or receives reports. Owners in records must be one of these
# (by id, name or alias) once any are listed.
bodies:
  - id: example-scrutiny
    name: Example Scrutiny Board
  - id: example-team
    name: Example Team
people: []
`;
}

export function exampleSource(today: TrackDate): string {
  return `---
title: "Example Scrutiny Inquiry"
kind: scrutiny-inquiry
made_by: example-scrutiny
date: ${today}
---
The general context of the inquiry, in Markdown: why it was held and what it
found. Replace this example with your own source, or delete the folder.
`;
}

export function exampleItem(stages: StagePreset, today: TrackDate): string {
  return `---
title: Example recommendation
number: 1
owners: [example-team]
response: accepted
stage: ${EXAMPLE_STAGE[stages]}
updates:
  - date: ${today}
    by: example-team
    note: |
      The first progress update. Add the next one with
      "track update r1 --note ...".
---
That the Example Team reports its progress on this recommendation to the board
at each meeting. This is the item's text as it was made.
`;
}

/** One tentative meeting, in the month after today. */
export function meetingsFile(today: TrackDate): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return `# The calendar of meetings items are reported to: a date (YYYY-MM-DD, or
# YYYY-MM when only the month is known), the body and a title.
- date: ${next}
  tentative: true
  title: Example board meeting
`;
}

/**
 * The workspace's package.json: it pins track, so that \`npx track\` in the
 * workspace and its CI run that version, not whatever the public registry's
 * "track" is. \`spec\` is what npm installs it from: a version, a git URL or
 * a tarball.
 */
export function workspacePackageJson(packageName: string, spec: string): string {
  const json = {
    private: true,
    description: 'Board records kept with track',
    scripts: { validate: 'track validate', status: 'track status' },
    devDependencies: { [packageName]: spec },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export const GITIGNORE = `# track's cache
.track/
# board papers built locally
papers/
node_modules/
`;

export const WORKFLOW = `# Checks the records on every push and builds the board papers.
name: track

on:
  push:
  pull_request:
  workflow_dispatch:

jobs:
  records:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # The full history: a shallow clone gives git-based facts wrong dates.
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # track is never fetched by the bare name "track": on the public npm
      # registry that name belongs to someone else's package. This folder's
      # package.json pins track (commit package-lock.json with it); the
      # repository variable TRACK_PACKAGE, when set, installs from there
      # instead: a git URL, a tarball's URL, or a name in your organisation's
      # registry (Settings, Secrets and variables, Actions, Variables).
      - name: Install track
        env:
          TRACK_PACKAGE: \${{ vars.TRACK_PACKAGE }}
        run: |
          if [ -n "$TRACK_PACKAGE" ]; then
            npm install --global "$TRACK_PACKAGE"
          elif [ -f package-lock.json ]; then
            npm ci
            echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"
          elif [ -f package.json ]; then
            npm install --no-audit --no-fund
            echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"
          else
            echo "::error::Say where to install track from: list it in package.json (track init writes one), or set the repository variable TRACK_PACKAGE (a git URL or a package name)."
            exit 1
          fi
      - name: Validate the records
        run: track validate --format github
      - name: Build the board papers
        run: |
          mkdir -p papers
          track report tracking-report --format html -o papers/tracking-report.html
          track report status-summary --format html -o papers/status-summary.html
      - name: Keep the board papers
        uses: actions/upload-artifact@v4
        with:
          name: board-papers
          path: papers/
`;
