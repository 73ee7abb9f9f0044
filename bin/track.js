// For scripts and tests that name bin/track.js: the command is bin/track.cjs.
import './track.cjs';
