// A result worked out from the whole workspace and its git history (what
// validate and status give), remembered by the store while neither changes.
// Loads no parser and no rule: the work is the caller's, and runs only when
// nothing is remembered.

import { historySource, type History } from '../history/source.js';
import { openStore, type Store } from '../records/store/index.js';

/**
 * The result `work` gives, or the one it gave last time under the same `key`
 * (the command, its options, the day) with the same files and git HEAD.
 */
export async function rememberedResult<T>(root: string, key: string, work: (store: Store, history: () => Promise<History>) => Promise<T>): Promise<T> {
  // git says where its history stands while the files are listed.
  const source = historySource(root);
  const store = await openStore(root);
  const git = await source;
  const compute = () => work(store, () => git.read());
  // A history git could not place (it failed this time) is never remembered against.
  return git.key === undefined ? compute() : store.remember(`${key} ${git.key}`, compute);
}
