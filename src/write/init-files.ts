// The files `track init` writes: a working workspace with one example source
// and item, valid under the chosen stage scale. Kept as text here because
// tsc does not copy other files into dist/.

import type { TrackDate } from '../records/dates.js';
import { scalar } from './scalar.js';

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
  body: example-scrutiny
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

/**
 * The actions the workflow runs, each pinned to the full commit of a release
 * (a tag can be moved; a commit cannot), with the release named beside it.
 */
export const ACTIONS = {
  checkout: { name: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  setupNode: { name: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  uploadArtifact: { name: 'actions/upload-artifact', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
} as const;

/**
 * The CI workflow: checks the records on every push and pull request, keeps
 * the validation results and the papers, and fails when there are errors.
 * `workspace` is the workspace's folder inside the repository ("." at its top).
 */
export function workflowFile(workspace: string): string {
  const dir = workspace === '' ? '.' : workspace;
  return `# Checks the records on every push and pull request, keeps the validation
# results and the board papers, and fails when the records have errors.
# What each step does and why: the docs/ci.md of track.
name: track

on:
  push:
  pull_request:
  workflow_dispatch:

# Read the repository, nothing more.
permissions:
  contents: read

jobs:
  records:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    defaults:
      run:
        # The workspace's folder (the one holding track.config.yaml) in this repository.
        working-directory: ${scalar(dir)}
    steps:
      # Actions are pinned to a commit, with the release it is in the comment.
      - uses: actions/checkout@${ACTIONS.checkout.sha} # ${ACTIONS.checkout.tag}
        with:
          # The full history: a shallow clone gives git-based facts wrong dates.
          fetch-depth: 0
          persist-credentials: false
      - uses: actions/setup-node@${ACTIONS.setupNode.sha} # ${ACTIONS.setupNode.tag}
        with:
          node-version: 24
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
      # Every problem is kept three ways: as JSON (an artifact), as a table in
      # the job's summary (every one of them), and as annotations on the
      # files (GitHub shows only the first few of these). The step itself
      # never fails, so that the papers are built and the results kept; the
      # last step fails the job when there are errors.
      - name: Validate the records
        id: validate
        run: |
          # Results and papers go outside the checkout, so they are never committed by mistake.
          TRACK_OUT="$RUNNER_TEMP/track"
          echo "TRACK_OUT=$TRACK_OUT" >> "$GITHUB_ENV"
          mkdir -p "$TRACK_OUT/papers"
          status=0
          track validate --format json > "$TRACK_OUT/validation.json" || status=$?
          echo "status=$status" >> "$GITHUB_OUTPUT"
          if [ "$status" -le 1 ]; then
            track validate --format markdown >> "$GITHUB_STEP_SUMMARY" || true
            track validate --format github || true
          fi
      - name: Keep the validation results
        if: \${{ !cancelled() && steps.validate.outcome == 'success' }}
        uses: actions/upload-artifact@${ACTIONS.uploadArtifact.sha} # ${ACTIONS.uploadArtifact.tag}
        with:
          name: validation
          path: \${{ env.TRACK_OUT }}/validation.json
          if-no-files-found: ignore
      # Papers are built whenever the records can be read (validate ran: exit
      # 0 or 1), errors or not; a paper that cannot be made fails this step.
      - name: Build the board papers
        id: papers
        if: \${{ !cancelled() && steps.validate.outcome == 'success' && steps.validate.outputs.status != '2' }}
        run: |
          track report tracking-report --format html -o "$TRACK_OUT/papers/tracking-report.html"
          track report status-summary --format html -o "$TRACK_OUT/papers/status-summary.html"
      - name: Keep the board papers
        if: \${{ !cancelled() && steps.papers.outcome != 'skipped' }}
        uses: actions/upload-artifact@${ACTIONS.uploadArtifact.sha} # ${ACTIONS.uploadArtifact.tag}
        with:
          name: board-papers
          path: \${{ env.TRACK_OUT }}/papers/
          if-no-files-found: ignore
      - name: Fail when the records have errors
        if: \${{ !cancelled() && steps.validate.outputs.status != '0' }}
        env:
          STATUS: \${{ steps.validate.outputs.status }}
        run: |
          if [ "$STATUS" = "2" ]; then
            echo "::error::track could not read the workspace: see the step \\"Validate the records\\"."
          else
            echo "::error::The records have errors: see the job summary for every problem."
          fi
          exit 1
`;
}
