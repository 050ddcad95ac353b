#!/usr/bin/env node
/**
 * First setup: writes `.env` from `.env.example` with every secret replaced by a
 * random value. Idempotent: an existing `.env` keeps its values; only secrets that
 * are missing or still hold the placeholder are (re)generated.
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const envPath = path.join(root, '.env');
const examplePath = path.join(root, '.env.example');
const SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
];
const PLACEHOLDER = 'change-me';

const random = () => crypto.randomBytes(32).toString('base64');
const freshValue = (name) => (name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random());
const isUnsafe = (value) =>
  !value || value.split(',').some((part) => !part.trim() || part.trim().startsWith(PLACEHOLDER));

const existed = fs.existsSync(envPath);
let lines = fs.readFileSync(existed ? envPath : examplePath, 'utf8').split('\n');
const generated = [];

for (const name of SECRETS) {
  const index = lines.findIndex((line) => line.startsWith(`${name}=`));
  const current = index >= 0 ? lines[index].slice(name.length + 1) : undefined;
  if (!isUnsafe(current)) continue;
  const line = `${name}=${freshValue(name)}`;
  if (index >= 0) lines[index] = line;
  else lines = [...lines, line];
  generated.push(name);
}

if (generated.length > 0 || !existed) {
  fs.writeFileSync(envPath, lines.join('\n'), { mode: 0o600 });
  console.log(`[setup] ${existed ? 'updated' : 'created'} .env; generated ${generated.join(', ') || 'no secrets'}`);
}
fs.mkdirSync(path.join(root, 'public', 'uploads'), { recursive: true });
