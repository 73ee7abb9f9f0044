// The bodies and people registers: resolving the names officers write.

import type { Body, Config, Person } from './model.js';

export type Party = { kind: 'body'; body: Body } | { kind: 'person'; person: Person };

/** A party's id in the registers. */
export const partyId = (party: Party): string => (party.kind === 'body' ? party.body.id : party.person.id);

export interface Registers {
  resolve(name: string): Party | undefined;
  /** The id of the body or person a name stands for; undefined when no register knows it. */
  idOf(name: string): string | undefined;
  /** The display name of an owner: the register's name, or the text as written. */
  displayName(name: string): string;
  readonly empty: boolean;
  /** The parties a name would mean when it is ambiguous (more than one); else an empty list. */
  clashes(name: string): readonly Party[];
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Registers made once per config: many parts of one run ask for them (the workspace, the rules, the summary, the output). */
const made = new WeakMap<object, Registers>();

export function buildRegisters(config: Pick<Config, 'bodies' | 'people'>): Registers {
  let registers = made.get(config);
  if (!registers) made.set(config, (registers = makeRegisters(config)));
  return registers;
}

function makeRegisters(config: Pick<Config, 'bodies' | 'people'>): Registers {
  const index = new Map<string, Party>();
  const clashing = new Map<string, Party[]>();
  const same = (a: Party, b: Party) => (a.kind === 'body' ? b.kind === 'body' && a.body === b.body : b.kind === 'person' && a.person === b.person);
  const add = (key: string, party: Party) => {
    const k = norm(key);
    const had = index.get(k);
    if (!had) index.set(k, party);
    else if (!same(had, party)) {
      // A body and a person (or two of either) answer to one name: resolving it to the first would be silently wrong.
      const list = clashing.get(k) ?? [had];
      if (!list.some((p) => same(p, party))) list.push(party);
      clashing.set(k, list);
    }
  };
  // Ids first, so an id always wins over someone's alias; how many parties have each id, to tell a real clash.
  const ids = new Map<string, number>();
  const addId = (id: string, party: Party) => {
    ids.set(norm(id), (ids.get(norm(id)) ?? 0) + 1);
    add(id, party);
  };
  for (const body of config.bodies) addId(body.id, { kind: 'body', body });
  for (const person of config.people) addId(person.id, { kind: 'person', person });
  for (const body of config.bodies) [body.name, ...body.aliases].forEach((n) => add(n, { kind: 'body', body }));
  for (const person of config.people) [person.name, ...person.aliases].forEach((n) => add(n, { kind: 'person', person }));
  // Most names are written as their id already: a key is its own normal form, so an exact hit is the answer.
  const resolve = (name: string) => index.get(name) ?? index.get(norm(name));
  return {
    resolve,
    idOf(name) {
      const party = resolve(name);
      return party && partyId(party);
    },
    displayName(name) {
      const party = resolve(name);
      if (!party) return name;
      return party.kind === 'body' ? party.body.name : party.person.name;
    },
    empty: index.size === 0,
    // A name that is exactly one party's id is that party, whoever else has it as a name or alias.
    clashes: (name) => (clashing.size === 0 || ids.get(norm(name)) === 1 ? [] : (clashing.get(norm(name)) ?? [])),
  };
}

/**
 * The body a name stands for, as its id: a body's own; a person's body (else
 * the person); a name no register knows, as written. Sources' `made_by` and
 * `presented_to` and meetings' `body` are compared by it, however they are written.
 */
export function bodyIdOf(name: string, registers: Registers): string {
  const found = registers.resolve(name);
  return found ? (found.kind === 'body' ? found.body.id : found.person.body ?? found.person.id) : name;
}
