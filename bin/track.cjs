#!/usr/bin/env node
// The `track` command. Written in the JavaScript every Node can parse (no
// arrow functions, no let, no import statement), so that an old Node says
// which Node track needs rather than failing on syntax it cannot read.
'use strict';

var engine = String(require('../package.json').engines.node);
var needed = Number(/\d+/.exec(engine)[0]);
var running = Number(process.versions.node.split('.')[0]);

if (running < needed) {
  process.stderr.write(
    'track needs Node.js ' + needed + ' or later (' + engine + '), but this is Node.js ' + process.versions.node +
      ': install a current Node.js from nodejs.org or your package manager, then run track again.\n'
  );
  process.exitCode = 2;
} else {
  var url = require('url').pathToFileURL(require('path').join(__dirname, '..', 'dist', 'cli', 'main.js')).href;
  // import() as a string, so that a Node without it can still read this file.
  var load = new Function('url', 'return import(url)');
  load(url).then(
    function (cli) {
      return cli.main(process.argv);
    },
    function (error) {
      process.stderr.write('track cannot start: ' + (error && error.message) + '. Reinstall track (in a copy of its repository, run "npm install").\n');
      process.exitCode = 2;
    }
  );
}
