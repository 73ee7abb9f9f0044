#!/usr/bin/env node
// Writes a realistic, valid `track` workspace for benchmarks.
//
//   node bench/generate.mjs --items N --out DIR [--seed S] [--commits C] [--one-source] [--people N]
//
// Deterministic from the seed. With --commits C the folder is also a git
// repository of C commits: the first adds everything, each later one changes
// a handful of items (a new update that sets the stage, or a moved due date).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TODAY = '2026-11-23';

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const opts = { items: 1000, out: '', seed: 1, commits: 0, oneSource: false, people: 50 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (key) {
      case '--items': opts.items = Number(value()); break;
      case '--out': opts.out = value(); break;
      case '--seed': opts.seed = Number(value()); break;
      case '--commits': opts.commits = Number(value()); break;
      case '--one-source': opts.oneSource = true; break;
      case '--people': opts.people = Number(value()); break;
      case '-h':
      case '--help':
        console.log('usage: node bench/generate.mjs --items N --out DIR [--seed S] [--commits C] [--one-source] [--people N]');
        process.exit(0);
        break;
      default:
        fail(`unknown option ${arg}`);
    }
  }
  if (!opts.out) fail('--out DIR is required');
  for (const k of ['items', 'seed', 'commits', 'people']) {
    if (!Number.isInteger(opts[k]) || opts[k] < 0) fail(`--${k} should be a whole number`);
  }
  return opts;
}

function fail(message) {
  console.error(`generate: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------- randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let rand = mulberry32(1);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p) => rand() < p;
const pick = (list) => list[Math.floor(rand() * list.length)];
/** Pick by weight: pickW([['a', 3], ['b', 1]]). */
function pickW(pairs) {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let r = rand() * total;
  for (const [v, w] of pairs) {
    r -= w;
    if (r < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}
/** n distinct elements of list, in list order shuffled. */
function sample(list, n) {
  const copy = list.slice();
  const out = [];
  for (let i = 0; i < n && copy.length; i++) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------- dates (whole days, UTC)

const DAY_MS = 86400000;
const toDay = (iso) => Math.floor(Date.parse(`${iso.length === 7 ? `${iso}-01` : iso}T00:00:00Z`) / DAY_MS);
const fromDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const monthOf = (day) => fromDay(day).slice(0, 7);
const TODAY_DAY = toDay(TODAY);
/** The last day of a date: a month-precision date counts as its last day. */
function endDay(iso) {
  if (iso.length === 10) return toDay(iso);
  const [y, m] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y, m, 0) / DAY_MS);
}

// ---------------------------------------------------------------- vocabulary

const ORGANISATIONS = [
  'Healthy Leeds Partnership', 'Northshire Health and Wellbeing Board', 'Riverside Overview and Scrutiny Committee',
];

const BODY_SEEDS = [
  ['leeds-pct', 'Leeds Primary Care Trust', ['PCT', 'Leeds PCT']],
  ['adult-social-services', 'Adult Social Services', ['ASS', 'Adult Services']],
  ['childrens-services', "Children's Services", ['CS', 'Childrens Services']],
  ['scrutiny-health', 'Scrutiny Board (Health and Adult Social Care)', ['Health Scrutiny', 'HASC Scrutiny']],
  ['scrutiny-children', 'Scrutiny Board (Children and Families)', ['Children Scrutiny']],
  ['scrutiny-environment', 'Scrutiny Board (Environment and Neighbourhoods)', ['Environment Scrutiny']],
  ['executive-board', 'Executive Board', ['Exec Board']],
  ['health-wellbeing-board', 'Health and Wellbeing Board', ['HWB', 'HWBB']],
  ['public-health', 'Public Health', ['PH', 'Public Health Team']],
  ['housing-services', 'Housing Services', ['Housing']],
  ['leeds-teaching-hospitals', 'Leeds Teaching Hospitals NHS Trust', ['LTHT', 'Teaching Hospitals']],
  ['leeds-community-healthcare', 'Leeds Community Healthcare NHS Trust', ['LCH']],
  ['mental-health-trust', 'Leeds and York Partnership NHS Foundation Trust', ['LYPFT', 'Mental Health Trust']],
  ['west-yorkshire-police', 'West Yorkshire Police', ['WYP', 'Police']],
  ['west-yorkshire-fire', 'West Yorkshire Fire and Rescue Service', ['WYFRS', 'Fire Service']],
  ['city-development', 'City Development', ['City Dev']],
  ['highways-transportation', 'Highways and Transportation', ['Highways']],
  ['parks-countryside', 'Parks and Countryside', ['Parks']],
  ['waste-management', 'Waste Management', ['Waste Services']],
  ['environmental-health', 'Environmental Health', ['EH']],
  ['community-safety', 'Safer Leeds Community Safety Partnership', ['Safer Leeds', 'CSP']],
  ['voluntary-action-leeds', 'Voluntary Action Leeds', ['VAL']],
  ['education-leeds', 'Education Leeds', ['EL']],
  ['financial-services', 'Financial Services', ['Finance']],
  ['hr-services', 'Human Resources', ['HR']],
  ['legal-services', 'Legal and Democratic Services', ['Legal Services', 'Democratic Services']],
  ['ccg-north', 'NHS Leeds North Clinical Commissioning Group', ['Leeds North CCG']],
  ['ccg-south-east', 'NHS Leeds South and East Clinical Commissioning Group', ['Leeds South and East CCG']],
  ['healthwatch-leeds', 'Healthwatch Leeds', ['Healthwatch']],
  ['leeds-city-council', 'Leeds City Council', ['LCC', 'the Council']],
];

const FIRST = [
  'Feisal', 'Sarah', 'David', 'Helen', 'Mohammed', 'Claire', 'James', 'Priya', 'Andrew', 'Rachel', 'Stephen',
  'Angela', 'Richard', 'Fiona', 'Imran', 'Louise', 'Peter', 'Joanne', 'Kevin', 'Ruth', 'Gareth', 'Nadia', 'Simon',
  'Deborah', 'Tariq', 'Elaine', 'Martin', 'Catherine', 'Paul', 'Shabana', 'Neil', 'Victoria', 'Colin', 'Amanda',
];
const LAST = [
  'Jassat', 'Hughes', 'Patel', 'Thompson', 'Khan', 'Walker', 'Robinson', 'Wright', 'Ahmed', 'Clarke', 'Wood',
  'Harrison', 'Shaw', 'Hussain', 'Barker', 'Lister', 'Fletcher', 'Akhtar', 'Kaye', 'Bentley', 'Holmes', 'Sutcliffe',
  'Ogden', 'Brook', 'Whiteley', 'Iqbal', 'Marsden', 'Dyson', 'Haigh', 'Naylor',
];
const ROLES = [
  'Head of Overview and Scrutiny', 'Principal Scrutiny Adviser', 'Scrutiny Support Officer', 'Director of Public Health',
  'Chief Officer, Adult Social Care', 'Head of Commissioning', 'Service Manager', 'Programme Manager',
  'Chief Executive', 'Deputy Director', 'Head of Housing Strategy', 'Partnership Manager', 'Policy Officer',
];

const THEMES = [
  'Strategy', 'Partnership working', 'Commissioning', 'Workforce', 'Information and communication', 'Funding',
  'Performance management', 'Access to services', 'Prevention', 'Community engagement', 'Governance',
  'Housing', 'Safeguarding', 'Transport', 'Environment', 'Data and intelligence', 'Training', 'Monitoring',
];

const TOPICS = [
  ['cd', 'Community Development'], ['dental', 'Access to NHS Dentistry'], ['obesity', 'Childhood Obesity'],
  ['hospital-discharge', 'Hospital Discharge'], ['dementia', 'Dementia Care'], ['homelessness', 'Homelessness'],
  ['air-quality', 'Air Quality'], ['fuel-poverty', 'Fuel Poverty'], ['carers', 'Support for Carers'],
  ['mental-health', 'Mental Health Services'], ['alcohol', 'Alcohol Harm Reduction'], ['recycling', 'Household Recycling'],
  ['school-transport', 'School Transport'], ['youth-services', 'Youth Services'], ['flooding', 'Flood Risk Management'],
  ['gp-access', 'Access to GP Services'], ['home-care', 'Home Care Commissioning'], ['adoption', 'Adoption Services'],
  ['parks', 'Parks and Green Spaces'], ['road-safety', 'Road Safety'], ['loneliness', 'Social Isolation'],
  ['smoking', 'Tobacco Control'], ['maternity', 'Maternity Services'], ['asb', 'Anti-social Behaviour'],
  ['private-rented', 'The Private Rented Sector'], ['welfare-reform', 'Welfare Reform'], ['libraries', 'Library Services'],
  ['neets', 'Young People Not in Education, Employment or Training'], ['falls', 'Falls Prevention'],
  ['winter-pressures', 'Winter Pressures'], ['cancer', 'Cancer Screening'], ['autism', 'Autism Services'],
];

const TAGS = [
  'community-development', 'health-inequalities', 'commissioning', 'workforce', 'prevention', 'children',
  'older-people', 'housing', 'budget', 'partnership', 'equality', 'digital', 'climate', 'safeguarding',
  'transport', 'communications', 'data', 'quick-win', 'cross-cutting', 'statutory',
];

const SOURCE_KINDS = [['scrutiny-inquiry', 6], ['review', 2], ['board-decision', 2], ['audit', 1], ['meeting', 1], ['report', 1], ['other', 0.3]];

const VERBS = [
  'Develop', 'Review', 'Establish', 'Publish', 'Improve', 'Strengthen', 'Commission', 'Agree', 'Introduce',
  'Extend', 'Evaluate', 'Produce', 'Promote', 'Set up', 'Consolidate', 'Prioritise', 'Map', 'Monitor',
];
const ADJS = [
  'a cohesive', 'a joint', 'a citywide', 'a clear', 'an annual', 'a single', 'a comprehensive', 'a targeted',
  'a sustainable', 'a coordinated', 'an integrated', 'a local',
];
const NOUNS = [
  'strategy', 'action plan', 'protocol', 'funding framework', 'training programme', 'communication plan',
  'performance framework', 'referral pathway', 'needs assessment', 'partnership agreement', 'register',
  'monitoring report', 'service specification', 'engagement plan', 'data-sharing agreement', 'directory of services',
];
const FORS = [
  'for health and wellbeing', 'for vulnerable adults', 'for children and young people', 'across the city',
  'in deprived neighbourhoods', 'for carers', 'with the voluntary sector', 'for frontline staff',
  'in partnership with the NHS', 'for older people', 'for new arrivals', 'at ward level',
];

const PROGRESS = [
  'work on this recommendation has continued through the partnership group',
  'a draft has been circulated to partners for comment',
  'the steering group met in the period and agreed the terms of reference',
  'funding has been identified for the first year of the programme',
  'progress has been slower than planned because of staff vacancies',
  'the consultation closed with over four hundred responses',
  'the final version was approved by the Executive Board',
  'a pilot is running in three wards and early results are encouraging',
  'partners have signed the protocol and it is now in use',
  'the evaluation report will be available at the next meeting',
  'recruitment to the lead officer post has been completed',
  'the service specification has been revised to reflect the Board\'s comments',
  'data for the last two quarters show a modest improvement',
  'the work has been absorbed into the wider transformation programme',
  'officers are reviewing the options and will report back',
  'the budget position means that this cannot be taken forward this year',
  'training has been delivered to more than two hundred frontline staff',
  'a joint post has been agreed between the Council and the NHS',
];
const BOARD_VIEWS = [
  'The Board noted the progress made and asked for a further update.',
  'Members welcomed the update but remained concerned about the timescales.',
  'The Board agreed that the recommendation has been achieved.',
  'Members asked that the next update include performance data.',
  'The Board was not satisfied with the progress reported.',
  'The Chair thanked officers for the detailed response.',
  'Members agreed to keep this recommendation under review.',
  'The Board asked the lead officer to attend the next meeting.',
];
const REASONS = [
  'Consultation period extended at the request of partners',
  'Delayed by the restructure of the commissioning team',
  'Awaiting the outcome of the national funding settlement',
  'Procurement timetable slipped by one quarter',
  'Dependent on the new case management system going live',
  'Agreed by the Board to align with the budget cycle',
  'Staff vacancies in the lead service',
];
const CONTEXT = [
  'The Board resolved to undertake an inquiry into this issue following concerns raised by Members and the public.',
  'Evidence was taken from officers, partner organisations and service users over a series of sessions.',
  'This report sets out the recommendations of the inquiry and the responses received from the Executive.',
  'The Board will monitor the implementation of its recommendations through regular tracking reports.',
  'The inquiry took place against a background of reductions in public spending and rising demand.',
  'Members visited a number of services and heard directly from frontline staff.',
  'The terms of reference were agreed at the Board meeting and the inquiry concluded within the municipal year.',
  'The Board wishes to thank all those who gave evidence to the inquiry.',
];
const RATIONALE = [
  'The Board heard that provision varies considerably between areas of the city.',
  'Evidence suggested that partners do not always share information in a timely way.',
  'Members were concerned that the needs of the most vulnerable residents are not being met.',
  'Several witnesses described the current arrangements as fragmented.',
  'The Board considers that a clearer lead would improve accountability.',
  'This should be undertaken within existing resources wherever possible.',
  'Progress should be reported to the Board within six months.',
  'Particular attention should be paid to communities with the poorest health outcomes.',
];

// ---------------------------------------------------------------- text helpers

/** A YAML plain scalar where safe, else a double-quoted one. */
function yq(s) {
  if (/^[A-Za-z][A-Za-z0-9 ,.'()&/-]*[A-Za-z0-9.)]$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s)) return s;
  return JSON.stringify(s);
}
const flow = (list) => `[${list.map((s) => (/[,[\]{}]/.test(s) ? JSON.stringify(s) : yq(s))).join(', ')}]`;

/** Word-wrap text to width, each line prefixed with indent. */
function wrap(text, width, indent = '') {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}
const cap = (s) => s[0].toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- registers

function makeRegisters(count = 50) {
  const bodies = BODY_SEEDS.map(([id, name, aliases]) => ({ id, name, aliases }));
  const people = [];
  const ids = new Set(bodies.map((b) => b.id));
  while (people.length < count) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const id = `${first[0].toLowerCase()}-${last.toLowerCase()}`;
    if (ids.has(id)) continue;
    ids.add(id);
    const body = pick(bodies);
    people.push({
      id,
      name: `${first} ${last}`,
      role: pick(ROLES),
      body: body.id,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@leeds.gov.uk`,
      phone: `0113 ${int(220, 399)} ${String(int(0, 9999)).padStart(4, '0')}`,
    });
  }
  return { bodies, people };
}

function renderConfig(reg, organisation) {
  const out = [
    '# Benchmark workspace written by bench/generate.mjs',
    `organisation: ${yq(organisation)}`,
    'stages: leeds              # 1 stop monitoring … 6 not for review this session',
    'stale_after_days: 120',
    'response_days: 61          # two months to respond to scrutiny recommendations',
    'bodies:',
  ];
  for (const b of reg.bodies) {
    out.push(`  - id: ${b.id}`, `    name: ${yq(b.name)}`, `    aliases: ${flow(b.aliases)}`);
  }
  out.push('people:');
  for (const p of reg.people) {
    out.push(
      `  - id: ${p.id}`,
      `    name: ${yq(p.name)}`,
      `    role: ${yq(p.role)}`,
      `    body: ${p.body}`,
      `    email: ${p.email}`,
      `    phone: ${p.phone}`,
    );
  }
  out.push('report:', `  author: ${reg.people[0].id}`, '');
  return out.join('\n');
}

function renderMeetings() {
  // A dozen meetings around today: some past, the rest ahead; a few only
  // known to the month and tentative.
  const out = ['# Meetings of the Board and its working groups'];
  const boards = ['scrutiny-health', 'scrutiny-children', 'health-wellbeing-board'];
  const start = toDay('2026-01-12');
  let workshop = 0;
  for (let i = 0; i < 12; i++) {
    const day = start + i * 45 + int(0, 10);
    if (i === 0 || i === 8 || i === 10) {
      out.push(`- date: ${monthOf(day)}          # month only: date to be confirmed`, '  tentative: true', `  title: ${yq(`Workshop ${++workshop}: Review`)}`);
    } else {
      const body = boards[i % boards.length];
      out.push(`- date: ${fromDay(day)}`, `  body: ${body}`, `  title: ${yq(BODY_SEEDS.find(([id]) => id === body)[1])}`);
    }
  }
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------- sources and items

const SOURCE_START = toDay('2019-01-07');
const SOURCE_END = toDay('2026-09-30');

function sourceSizes(total) {
  const sizes = [];
  let remaining = total;
  while (remaining > 0) {
    // Mostly 10-30 items, some tiny, a few of 50-60: mean about 20.
    let s = Math.round(3 + 57 * Math.pow(rand(), 2.2));
    if (remaining - s < 3) s = remaining <= 60 ? remaining : remaining - 3;
    sizes.push(s);
    remaining -= s;
  }
  return sizes;
}

function makeSource(reg, usedIds, dateCap) {
  const [topicSlug, topic] = pick(TOPICS);
  const body = pick(reg.bodies);
  const kind = pickW(SOURCE_KINDS);
  const day = int(SOURCE_START, Math.min(SOURCE_END, dateCap - 30));
  const year = fromDay(day).slice(0, 4);
  const prefix = body.id.split('-')[0];
  let id = `${prefix}-${topicSlug}-${year}`;
  for (let n = 2; usedIds.has(id); n++) id = `${prefix}-${topicSlug}-${year}-${n}`;
  usedIds.add(id);
  const title = {
    'scrutiny-inquiry': `Scrutiny Inquiry: ${topic}`,
    review: `Review of ${topic}`,
    'board-decision': `${topic}: Action Plan`,
    audit: `Internal Audit: ${topic}`,
    meeting: `${body.name}: ${topic}`,
    report: `${topic} Annual Report ${year}`,
    other: `${topic} Working Group`,
  }[kind];
  const themes = chance(0.2) ? [] : sample(THEMES, int(2, 4));
  return {
    id,
    kind,
    title,
    madeBy: chance(0.85) ? body.id : pick([body.name, ...body.aliases]),
    day,
    date: fromDay(day),
    url: chance(0.6) ? `https://democracy.leeds.gov.uk/documents/s${int(10000, 99999)}/${topicSlug}.pdf` : undefined,
    attendees: kind === 'meeting' ? sample(reg.people, int(2, 5)).map((p) => p.id) : undefined,
    themes,
    tags: sample(TAGS, int(1, 4)),
    itemKind: kind === 'board-decision' || kind === 'meeting' ? 'action' : kind === 'report' ? 'objective' : 'recommendation',
    topic,
    body: Array.from({ length: int(1, 3) }, () => sample(CONTEXT, int(2, 3)).join(' ')),
  };
}

function renderSource(src) {
  const out = ['---', `title: ${yq(src.title)}`, `kind: ${src.kind}`, `made_by: ${yq(src.madeBy)}`, `date: ${src.date}`];
  if (src.url) out.push(`url: ${src.url}`);
  if (src.attendees) out.push(`attendees: ${flow(src.attendees)}`);
  out.push('---');
  for (const para of src.body) out.push(wrap(para, 76), '');
  return out.join('\n');
}

/** A due date some months after `day`, day or month precision like `like`. */
function dueAfter(day, monthPrecision) {
  const d = day + int(60, 540);
  return monthPrecision ? monthOf(d) : fromDay(d);
}

function noteText(owner) {
  const n = int(2, 5);
  const [lead, ...more] = sample(PROGRESS, n - 1);
  return [`${cap(owner)} reported that ${lead}.`, ...more.map((p) => `${cap(p)}.`), pick(BOARD_VIEWS)].join(' ');
}

function partyName(reg, id) {
  return reg.bodies.find((b) => b.id === id)?.name ?? reg.people.find((p) => p.id === id)?.name ?? id;
}

/** Pick a next stage (Leeds scale): 1, 2 closed; 3 obstacle; 4, 5 continue; 6 not this session. */
function nextStage(current) {
  return pickW([
    [2, current === 4 ? 4 : 2], [1, 0.6], [3, 0.8], [4, 4], [5, 1.5], [6, current === 6 ? 1 : 0.4],
  ]);
}

function makeItem(reg, src, k, size, dateCap) {
  const kind = chance(0.85) ? src.itemKind : pick(['recommendation', 'action', 'objective']);
  const ownerCount = chance(0.05) ? 0 : pickW([[1, 5], [2, 3], [3, 1]]);
  const ownerParties = sample(chance(0.75) ? reg.bodies : [...reg.bodies, ...reg.people], ownerCount);
  const owners = ownerParties.map((p) => (chance(0.9) ? p.id : pick([p.name, ...(p.aliases ?? [])])));
  const ownerIds = ownerParties.map((p) => p.id);
  const item = {
    source: src.id,
    k,
    title: `${pick(VERBS)} ${pick(ADJS)} ${pick(NOUNS)} ${pick(FORS)}`,
    kind,
    showKind: kind !== 'recommendation' || chance(0.3),
    theme: src.themes.length ? pick(src.themes) : undefined,
    owners,
    response: undefined,
    due: undefined,
    reportBack: undefined,
    stage: 4,
    related: [],
    tags: chance(0.7) ? sample(src.tags, int(1, Math.min(2, src.tags.length))) : [],
    updates: [],
    comment: chance(0.15) ? pick(['# stage agreed at the last board', '# check with the lead officer', '# see the tracking report']) : undefined,
    body: [],
  };
  if (kind === 'recommendation') {
    item.response = pickW([['accepted', 75], ['partially-accepted', 8], ['rejected', 3], ['noted', 4], ['pending', 2], [undefined, 8]]);
  } else if (chance(0.2)) {
    item.response = 'accepted';
  }
  const monthDue = chance(0.35);
  if (chance(0.75)) item.due = dueAfter(src.day, monthDue);
  if (chance(0.3)) {
    const rb = src.day + int(90, 720);
    item.reportBack = chance(0.6) ? monthOf(rb) : fromDay(rb);
  }
  if (size > 1 && chance(0.15)) {
    const others = [];
    for (let j = 1; j <= size; j++) if (j !== k) others.push(j);
    item.related = sample(others, int(1, Math.min(2, others.length))).map((j) => `r${j}`);
  }

  // Updates, oldest first: a random walk on the stage scale that stops at a closed stage.
  const count = pickW([[0, 12], [1, 18], [2, 20], [3, 18], [4, 14], [5, 10], [6, 8]]);
  const first = Math.min(src.day + int(20, 200), dateCap);
  const last = Math.max(first, dateCap);
  const days = Array.from({ length: count }, () => int(first, last)).sort((a, b) => a - b);
  let stage = pickW([[4, 5], [6, 2], [5, 1], [3, 0.5]]);
  item.stage = stage;
  let pending;
  for (const day of days) {
    if (stage === 1 || stage === 2) break;
    const by = chance(0.85) ? (ownerIds.length && chance(0.7) ? pick(ownerIds) : pick(reg.people).id) : undefined;
    const owner = by ? partyName(reg, by) : 'The lead officer';
    const update = { date: fromDay(day), by, note: noteText(owner) };
    const what = pending !== undefined ? pickW([['stage', 8], ['none', 1]]) : pickW([['stage', 6], ['proposed', 1.5], ['none', 2.5]]);
    if (what === 'stage') {
      stage = pending !== undefined ? (chance(0.7) ? pending : 4) : nextStage(stage);
      update.stage = stage;
      pending = undefined;
    } else if (what === 'proposed') {
      pending = pickW([[2, 4], [1, 1]]);
      update.proposed = pending;
    }
    if (item.due && update.stage !== 1 && update.stage !== 2 && chance(0.1)) {
      update.newDue = dueAfter(Math.max(day, endDay(item.due)), item.due.length === 7);
      update.reason = pick(REASONS);
      item.due = update.newDue;
    }
    if (chance(0.05)) update.evidence = [`https://democracy.leeds.gov.uk/documents/s${int(10000, 99999)}/update.pdf`];
    item.updates.push(update);
  }
  item.stage = stage;

  const lead = ownerIds.length ? partyName(reg, ownerIds[0]) : 'the Executive Board';
  const partner = ownerIds.length > 1 ? `, jointly with ${partyName(reg, ownerIds[1])},` : '';
  item.body.push(wrap(`That ${lead}${partner} ${item.title.charAt(0).toLowerCase()}${item.title.slice(1)}, and report progress to this Board.`, 76));
  for (let p = int(0, 2); p > 0; p--) item.body.push(wrap(sample(RATIONALE, int(2, 3)).join(' '), 76));
  return item;
}

function renderItem(item) {
  const out = ['---', `title: ${yq(item.title)}`, `number: ${item.k}`];
  if (item.showKind) out.push(`kind: ${item.kind}`);
  if (item.theme) out.push(`theme: ${yq(item.theme)}`);
  out.push(`owners: ${flow(item.owners)}`);
  if (item.response) out.push(`response: ${item.response}`);
  if (item.due) out.push(`due: ${item.due}`);
  if (item.reportBack) out.push(`report_back: ${item.reportBack}${item.comment && item.k % 2 ? '   # to the next available board' : ''}`);
  out.push(item.comment ? `stage: ${item.stage}   ${item.comment}` : `stage: ${item.stage}`);
  if (item.related.length) out.push(`related: ${flow(item.related)}`);
  if (item.tags.length) out.push(`tags: ${flow(item.tags)}`);
  if (item.updates.length) {
    out.push('updates:                 # oldest first');
    for (const u of item.updates) {
      out.push(`  - date: ${u.date}`);
      if (u.stage !== undefined) out.push(`    stage: ${u.stage}`);
      if (u.proposed !== undefined) out.push(`    proposed_stage: ${u.proposed}`);
      if (u.by) out.push(`    by: ${u.by}`);
      if (u.newDue) out.push(`    new_due: ${u.newDue}`, `    reason: ${yq(u.reason)}`);
      if (u.evidence) out.push(`    evidence: ${flow(u.evidence)}`);
      out.push('    note: |', wrap(u.note, 72, '      '));
    }
  }
  out.push('---');
  out.push(item.body.join('\n\n'), '');
  return out.join('\n');
}

// ---------------------------------------------------------------- git history

function git(dir, args, env) {
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function commitAs(dir, person, seconds, message) {
  const when = `${new Date(seconds * 1000).toISOString().slice(0, 19)}+0000`;
  git(dir, ['add', '-A'], {});
  git(dir, ['-c', `user.name=${person.name}`, '-c', `user.email=${person.email}`, 'commit', '-q', '--allow-empty', '-m', message], {
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
  });
}

// ---------------------------------------------------------------- main

function main() {
  const opts = parseArgs(process.argv.slice(2));
  rand = mulberry32(opts.seed);
  const out = opts.out;
  if (existsSync(out) && readdirSync(out).length) fail(`${out} exists and is not empty`);
  const recordsDir = join(out, 'records');
  mkdirSync(recordsDir, { recursive: true });

  // With a git history, the records as first committed end a year before
  // today; the commits then bring them up to today.
  const historyDays = opts.commits > 1 ? 365 : 0;
  const dateCap = TODAY_DAY - historyDays;

  const reg = makeRegisters(opts.people);
  writeFileSync(join(out, 'track.config.yaml'), renderConfig(reg, pick(ORGANISATIONS)));
  writeFileSync(join(out, 'meetings.yaml'), renderMeetings());

  const usedIds = new Set();
  const items = [];
  let bytes = 0;
  for (const size of opts.oneSource ? [opts.items] : sourceSizes(opts.items)) {
    const src = makeSource(reg, usedIds, dateCap);
    const dir = join(recordsDir, src.id);
    mkdirSync(dir);
    const sourceText = renderSource(src);
    writeFileSync(join(dir, 'source.md'), sourceText);
    bytes += sourceText.length;
    for (let k = 1; k <= size; k++) {
      const item = makeItem(reg, src, k, size, dateCap);
      const text = renderItem(item);
      writeFileSync(join(dir, `r${k}.md`), text);
      bytes += text.length;
      if (opts.commits > 1) items.push(item);
    }
  }

  if (opts.commits > 0) {
    const start = (dateCap * DAY_MS) / 1000 + 9 * 3600;
    const step = Math.max(1, Math.floor((historyDays * 86400) / Math.max(1, opts.commits - 1)));
    git(out, ['-c', 'init.defaultBranch=main', 'init', '-q'], {});
    commitAs(out, reg.people[0], start, `Add ${opts.items} items`);
    for (let c = 1; c < opts.commits; c++) {
      const seconds = start + c * step;
      const day = Math.min(TODAY_DAY, Math.floor(seconds / 86400));
      const author = pick(reg.people);
      const touched = new Set();
      for (let n = int(1, 6); n > 0 && items.length; n--) {
        const item = pick(items);
        if (touched.has(item)) continue;
        touched.add(item);
        const lastDay = item.updates.length ? toDay(item.updates.at(-1).date) : 0;
        const update = { date: fromDay(Math.max(day, lastDay)), by: author.id, note: noteText(author.name) };
        if (item.due && chance(0.3)) {
          update.newDue = dueAfter(Math.max(day, endDay(item.due)), item.due.length === 7);
          update.reason = pick(REASONS);
          item.due = update.newDue;
        } else {
          item.stage = nextStage(item.stage);
          update.stage = item.stage;
        }
        item.updates.push(update);
        writeFileSync(join(recordsDir, item.source, `r${item.k}.md`), renderItem(item));
      }
      const names = [...touched].map((i) => `${i.source}/r${i.k}`);
      commitAs(out, author, seconds, `Update ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`);
    }
  }

  console.error(`generate: ${opts.items} items, ${usedIds.size} sources, ${(bytes / 1048576).toFixed(1)} MB of records in ${out}${opts.commits ? `, ${opts.commits} commits` : ''}`);
}

main();
