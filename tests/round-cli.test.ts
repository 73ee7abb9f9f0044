// The update round through the built CLI: exit codes and where output goes.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { item, runTrack, SOURCE, workspace } from './helpers.js';

const MEETINGS = '- date: 2008-04-15\n  body: leeds-pct\n  title: Scrutiny Board (Health)\n';

describe('track request, collect and confirm from the command line', () => {
  it('exit 0 with the workbooks on stdout, 1 for a refused collect, 2 for bad usage', async () => {
    const root = workspace({ 'meetings.yaml': MEETINGS, 'records/cd/source.md': SOURCE, 'records/cd/r1.md': item('title: One\nnumber: 1\nowners: [leeds-pct]\nstage: 4') });
    const made = await runTrack(['request', '-o', 'out', '--today', '2008-03-10'], { cwd: root });
    expect(made).toEqual({
      code: 0,
      stdout: 'out/leeds-pct.xlsx\tLeeds Primary Care Trust\t1\n',
      stderr: 'Made a workbook and a covering note for 1 owner, for the meeting on 15 April 2008, reply by 1 April 2008.\n',
    });
    expect(existsSync(join(root, 'out/leeds-pct.md'))).toBe(true);
    expect(JSON.parse((await runTrack(['status', '--json', '--today', '2008-03-10'], { cwd: root })).stdout).awaiting_replies).toEqual(['leeds-pct']);

    writeFileSync(join(root, 'leeds-pct.csv'), 'Id,No.,Recommendation,Stage,Due,Last update,Progress,Proposed stage,New target date,Reason for new date\r\ncd/r1,1,One,4,,,Done.,Finished,,\r\n');
    const refused = await runTrack(['collect', 'leeds-pct.csv', '--today', '2008-03-20'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^leeds-pct.csv:2:8 "Finished" is not a stage: .*\n1 problem; nothing was written\./);

    writeFileSync(join(root, 'leeds-pct.csv'), 'Id,No.,Recommendation,Stage,Due,Last update,Progress,Proposed stage,New target date,Reason for new date\r\ncd/r1,1,One,4,,,Done.,achieved,,\r\n');
    const collected = await runTrack(['collect', 'leeds-pct.csv', '--today', '2008-03-20'], { cwd: root });
    expect(collected).toEqual({ code: 0, stdout: 'records/cd/r1.md\tleeds-pct\tleeds-pct.csv:2\n', stderr: 'Added 1 update.\n' });
    expect((await runTrack(['confirm', '--today', '2008-04-16'], { cwd: root })).code).toBe(2);
    const confirmed = await runTrack(['confirm', '--all', '--today', '2008-04-16'], { cwd: root });
    expect(confirmed).toEqual({ code: 0, stdout: 'confirmed records/cd/r1.md\tstage 2\n', stderr: 'Recorded the decision of the meeting on 15 April 2008 on 1 item.\n' });
    expect(await runTrack(['confirm', 'r1', '--today', '2008-04-16'], { cwd: root })).toEqual({ code: 1, stdout: '', stderr: 'cd/r1 has no proposed stage awaiting confirmation.\nNothing was written.\n' });
    expect((await runTrack(['validate', '--today', '2008-04-16'], { cwd: root })).code).toBe(0);
  });
});
