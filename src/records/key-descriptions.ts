// What each key of the record format holds, in the words of docs/format.md (a
// test keeps the two the same): `track schema` gives them as `description`, so
// an editor shows them on hover.

export const KEY_PLACES = ['config', 'body', 'person', 'report', 'stage', 'source', 'attendee', 'item', 'update', 'meeting'] as const;
export type KeyPlace = (typeof KEY_PLACES)[number];

export const KEY_DESCRIPTIONS: Record<KeyPlace, Readonly<Record<string, string>>> = {
  config: {
    organisation: "The organisation's name, shown on every paper.",
    stages: "The stage scale: a preset (leeds, rag or pac) or a list of stages of your own; leeds when left out.",
    stale_after_days: "An open item with no update for longer than this many days is stale (120 when left out).",
    response_days: "A recommendation with no response this many days after its source's date is flagged (61 when left out: two months, as councils have to respond to scrutiny).",
    bodies: "The bodies that own items or receive reports: boards, trusts, council departments.",
    people: "The people who own items, give updates or sign papers.",
    report: "Settings for papers.",
    extra_fields: "Keys of your own that items may carry beyond this format, such as ward.",
  },
  body: {
    id: "A short id for the body, such as leeds-pct: lower-case letters, digits and hyphens.",
    name: "The body's full name, as papers print it.",
    aliases: "Other names the body goes by in records, such as PCT.",
  },
  person: {
    id: "A short id for the person, such as f-jassat: lower-case letters, digits and hyphens.",
    name: "The person's full name, as papers print it.",
    role: "Their job title, printed with their name when they sign a paper.",
    body: "The body they work for: its id or name.",
    email: "Their email address, printed as the contact for a paper.",
    phone: "Their telephone number, printed as the contact for a paper.",
    aliases: "Other names the person goes by in records, such as initials.",
  },
  report: {
    author: "The person (id or name) who signs papers and is their contact officer, unless a source names its own signed_by.",
  },
  stage: {
    id: "The stage's id, as records write it: a number, or a short id such as achieved.",
    label: "The stage's name in full, as tables and lists show it.",
    short: "The wording a paper puts after the stage's id, as in \"Stage: 2 (achieved)\"; the label when left out.",
    closed: "true for stages that end tracking, such as achieved; such items are never overdue or stale.",
    colour: "The colour papers and charts give the stage, such as green.",
  },
  source: {
    title: "The source's title, as its papers print it.",
    kind: "What sort of source it is: scrutiny-inquiry, board-decision, review, audit, meeting, report or other.",
    made_by: "The body that made it: its id, name or alias.",
    date: "When it was made or approved (YYYY-MM-DD, or YYYY-MM).",
    url: "Where the report is published.",
    presented_to: "The body its papers go to, as in \"Update for PCT Board\": its id, name or alias.",
    signed_by: "The person who signs papers about this source, instead of the settings' report author.",
    attendees: "For a meeting: who took part, each a person's or body's id or name, or an entry with name, role, body and chair.",
  },
  attendee: {
    name: "The person's name, or the id of a person or body in the settings.",
    role: "Their role at the meeting or in their organisation.",
    body: "The body they came from: its id or name.",
    chair: "true for whoever chaired the meeting.",
  },
  item: {
    title: "A short title for the item.",
    number: "Its number in the source, as in \"Recommendation 1\": a whole number, or a label such as 2a.",
    ref: "The source's own reference for the item, as written, such as SR (23/24) 01; papers show it beside the number.",
    kind: "recommendation (when left out), action or objective.",
    theme: "A heading that groups items within their source.",
    owners: "Who is responsible: bodies or people, by id, name or alias.",
    approach: "How the item is to be taken forward, in the source's own words; the action plan prints it with the owners.",
    response: "The executive's response: accepted, partially-accepted, rejected, noted or pending.",
    due: "The target date; when an update moves it (new_due), due is the newest new_due.",
    report_back: "When progress goes back to the board: the item is due for the first meeting on or after this date.",
    stage: "Where the item stands: a stage id of the workspace's scale, the same as the newest agreed update's.",
    related: "Ids of other items this one is linked to; an item of the same source may be named by its file name alone.",
    tags: "Words to find and filter items by.",
    updates: "The progress updates, oldest first.",
  },
  update: {
    date: "When the update was given.",
    note: "The progress, in the owner's or the board's words.",
    stage: "The stage the board agreed at this update.",
    proposed_stage: "The stage the owner reports, not yet agreed by the board; a later update with stage confirms or rejects it.",
    by: "Who gave the update: a body or person, by id, name or alias.",
    new_due: "A new target date; it needs a reason, and the item's due follows it.",
    reason: "Why the target date moved.",
    previous_due: "The target date the new_due replaces, so a paper can show \"was 30 June 2008, now 31 October 2008\".",
    evidence: "Links or file paths that back the update.",
  },
  meeting: {
    date: "The meeting's date, or its month when the day is not fixed.",
    body: "The body that meets: its id, name or alias.",
    title: "The meeting's name, as papers print it.",
    tentative: "true while the date is not confirmed; papers print \"(tbc)\".",
  },
};
