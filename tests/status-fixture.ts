// One workspace for the status, list and show tests: every fact present once.

import { item, SOURCE, workspace } from './helpers.js';

export const TODAY = '2008-03-20';

export function tracker(extra: Record<string, string> = {}): string {
  return workspace({
    'meetings.yaml': '- date: 2008-01\n  tentative: true\n  title: "Workshop 4: Review"\n- date: 2008-04\n  tentative: true\n  title: Scrutiny Board\n  body: leeds-pct\n',
    'records/cd/source.md': SOURCE,
    'records/cd/r1.md': item(
      'title: Cohesive community development strategy\nnumber: 1\ntheme: Strategy\nowners: [leeds-pct, adult-social-services]\nresponse: accepted\nstage: 2\nrelated: [r2]\nupdates:\n  - date: 2008-03-10\n    stage: 2\n    by: leeds-pct\n    note: Both strategies are near completion.',
      'That Leeds Primary Care Trust progresses a strategy.\n',
    ),
    'records/cd/r2.md': item('title: Network of community workers\nnumber: 2\ntheme: Strategy\nowners: [PCT]\nresponse: accepted\nstage: 4\ndue: 2008-02\nreport_back: 2008-04\ntags: [network]'),
    'records/cd/r3.md': item('title: "=HYPERLINK(\\"http://x\\"), a title, with commas"\nnumber: 3\nowners: []\nstage: 4\ndue: 2008-03-20'),
    'records/cd/r4.md': item(
      'title: Healthy living centres\nnumber: 4\ntheme: Delivery\nowners: [f-jassat]\nresponse: accepted\nstage: 4\nupdates:\n  - date: 2008-03-01\n    proposed_stage: 2\n    note: We think this is achieved.',
    ),
    'records/old/source.md': SOURCE.replace('2007-06-14', '2007-01-10').replace('Community Development', 'Older inquiry'),
    'records/old/a1.md': item('title: An old action\nkind: action\nowners: [adult-social-services]\nstage: 6\ndue: 2007-11-30'),
    ...extra,
  });
}
