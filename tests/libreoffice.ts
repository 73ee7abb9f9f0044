// LibreOffice for the tests that read track's files back as a reader's office
// suite would (the Word papers, the owners' workbooks): where it is, and a
// profile that lets it start in about a second rather than six.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Office {
  /** soffice or libreoffice, as found on PATH. */
  bin: string;
  /** Its version as major.minor, e.g. "7.4"; undefined when `--version` does not say. */
  version: string | undefined;
  /** Whether it has Calc, its spreadsheet part (a package of its own on Debian). */
  calc: boolean;
}

let found: { office: Office | undefined } | undefined;

/** LibreOffice on PATH, or undefined when there is none: asked once per worker (`soffice --version` starts LibreOffice, some 0.4 s). */
export function findOffice(): Office | undefined {
  found ??= { office: probeOffice() };
  return found.office;
}

function probeOffice(): Office | undefined {
  for (const bin of ['soffice', 'libreoffice']) {
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    if (run.status !== 0) continue;
    const found = spawnSync('which', [bin], { encoding: 'utf8' }).stdout.trim();
    const calc = found !== '' && existsSync(join(dirname(realpathSync(found)), 'libsclo.so'));
    return { bin, version: /LibreOffice (\d+\.\d+)/.exec(run.stdout)?.[1], calc };
  }
  return undefined;
}

/**
 * A new, empty LibreOffice user profile, as the argument that makes soffice
 * use it. LibreOffice runs its graphics render tests (some hundred drawings,
 * logged to GraphicsRenderTests.log in the profile) whenever the profile's
 * record of the last version run is older than itself, and a headless run
 * never records it: so every conversion paid about four seconds for them
 * (measured with LibreOffice 7.4: 5.2 s to convert two Word files, 0.9 s
 * with the version recorded; the PDFs' text and page counts are the same).
 * Without a version this is a plain new profile. Conversions started
 * together with one profile share one LibreOffice.
 */
export function officeProfile(office: Office): string {
  const profile = mkdtempSync(join(tmpdir(), 'track-lo-'));
  if (office.version !== undefined) {
    mkdirSync(join(profile, 'user'));
    writeFileSync(
      join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>${office.version}</value></prop></item>
</oor:items>
`,
    );
  }
  return `-env:UserInstallation=file://${profile}`;
}
