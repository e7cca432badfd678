// Runs before each test file: a throw-away n8n user folder and no engine log output
// (tests assert on errors themselves).
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-harness-'));
process.env.N8N_LOG_LEVEL = 'silent';
