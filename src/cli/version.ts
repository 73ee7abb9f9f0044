import { ownPackage } from '../paths.js';

/** The version in track's own package.json. */
export const VERSION: string = ownPackage().version;
