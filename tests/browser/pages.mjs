// Browser tests of the pages: Debian's chromium driven by playwright-core (pinned in
// dashboards/package-lock.json) against the real soj-tracker server with demo data.
//
//   node tests/browser/pages.mjs --server build/debug/tools/soj-tracker \
//        --admin build/debug/tools/soj-admin [--screenshots docs/screenshots]
//
// Checks: every page loads without console errors, with and without JavaScript; the map and
// the charts render; filters narrow the list; a partner submits through the form, an editor
// publishes, the state replies and the public case page shows it in French; an XSS title is
// text everywhere; a withheld name is on no public page.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url).pathname;
const { chromium } = require(resolve(here, '../../dashboards/node_modules/playwright-core'));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const serverPath = arg('--server');
const adminPath = arg('--admin');
const shots = arg('--screenshots', '');
const XSS = `<script>window.__xss=1</script><img src=x onerror="window.__xss=1">`;
const WITHHELD = 'Withheld Person Zeta';

function token(data, ...args) {
  const out = execFileSync(adminPath, ['token', 'create', '--data', data, '--name', 'browser', ...args],
                           { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n');
  return out[out.length - 1].trim();
}

function startServer(data) {
  return new Promise((resolvePort, reject) => {
    const child = spawn(serverPath, ['serve', '--listen', '127.0.0.1:0', '--data', data,
                                     '--demo-alerts', '300', '--threads', '2'],
                        { stdio: ['ignore', 'pipe', 'ignore'] });
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolvePort({ child, port: JSON.parse(line).port });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    setTimeout(() => reject(new Error('server did not start')), 120000);
  });
}

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failures++;
    console.log(`not ok - ${name}\n  ${String(e.stack || e).split('\n').slice(0, 6).join('\n  ')}`);
  }
}

// A page that records console errors, page errors and dialogs (an XSS would open one).
async function newPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => { page.problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) page.problems.push(`third-party request: ${r.url()}`);
  });
  return page;
}

async function visit(page, path) {
  const response = await page.goto(base + path, { waitUntil: 'load' });
  assert.ok(response.status() < 400, `${path} answered ${response.status()}`);
  return response;
}

async function shot(page, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

async function signIn(context, secret, desk) {
  const page = await newPage(context);
  await visit(page, '/signin');
  await page.fill('#token', secret);
  await page.click('form.desk-form button[type=submit]');
  await page.waitForURL(`**${desk}*`);
  return page;
}

async function submitAlert(context, secret, title) {
  const page = await signIn(context, secret, '/submit');
  await page.fill('#title', title);
  await page.fill('#description', 'Detained after filming a protest.\n\nSecond paragraph.');
  await page.selectOption('#country', 'BY');
  await page.fill('#incident_date', '2024-03-14');
  await page.check('input[name=categories][value=detention]');
  await page.selectOption('#threat_source', 'state');
  await page.selectOption('#level', '1');
  await page.fill('#victim_name', WITHHELD);
  await page.check('#victim_withheld');
  await page.selectOption('#victim_kind', 'journalist');
  await page.fill('#victim_detained_since', '2024-03-14');
  await page.click('#submit-form button[type=submit]');
  await page.waitForURL('**/submit?submitted=*');
  const id = new URL(page.url()).searchParams.get('submitted');
  assert.match(await page.textContent('.notice.success'), new RegExp(`#?${id}`));
  assert.deepEqual(page.problems, []);
  return { id, page };
}

async function publish(context, secret, id) {
  const page = await signIn(context, secret, '/review');
  await page.click(`a[href="/review/${id}"]`);
  await page.click('#action-publish button');
  await page.waitForURL('**/review?done=publish');
  assert.deepEqual(page.problems, []);
}

async function reply(context, secret, id, text) {
  const page = await signIn(context, secret, '/reply');
  await page.click(`#awaiting a[href="/reply/${id}"]`);
  await page.fill('#text', text);
  await page.click('#reply-form button[type=submit]');
  await page.waitForURL('**/reply?replied=*');
  assert.deepEqual(page.problems, []);
}

async function noWithheldNameOnPublicPages(context, id) {
  const page = await newPage(context);
  for (const path of ['/', '/alerts', `/alerts/${id}`, '/stats', '/alerts?country=BY',
                      `/alerts?q=${encodeURIComponent(WITHHELD)}`, `/alerts/${id}?lang=ru`]) {
    await visit(page, path);
    // The search box shows back what the reader typed; nothing else may hold the name.
    const html = (await page.content()).replaceAll(`value="${WITHHELD}"`, '');
    assert.ok(!html.includes(WITHHELD), `withheld name on ${path}`);
  }
}

async function xssIsText(context, id) {
  const page = await newPage(context);
  for (const path of ['/', '/alerts', `/alerts/${id}`, '/alerts?country=BY']) {
    await visit(page, path);
    if (path.endsWith(id)) assert.equal((await page.textContent('h1')).trim(), XSS);
    assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${path}`);
  }
  assert.deepEqual(page.problems.filter((p) => !p.includes('/x')), []);
}

async function flow(browser, tokens, js) {
  const mode = js ? 'with JavaScript' : 'without JavaScript';
  const options = { javaScriptEnabled: js, viewport: { width: 1280, height: 900 } };
  const partner = await browser.newContext(options);
  const editor = await browser.newContext(options);
  const state = await browser.newContext(options);
  const reader = await browser.newContext({ ...options, locale: 'fr-FR' });
  let id;
  await check(`partner submits through the form (${mode})`, async () => {
    ({ id } = await submitAlert(partner, tokens.partner, XSS));
  });
  await check(`editor publishes the draft (${mode})`, () => publish(editor, tokens.editor, id));
  await check(`state replies (${mode})`, () => reply(state, tokens.state, id, `Official reply ${mode}.`));
  await check(`public case page shows the reply in French (${mode})`, async () => {
    const page = await newPage(reader);
    await visit(page, `/alerts/${id}?lang=fr`);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.match(await page.textContent('#case-status'), /Publiée — l.État a répondu/);
    assert.match(await page.textContent('#replies'), new RegExp(`Official reply ${mode}`));
    assert.match(await page.textContent('#victims'), /nom non divulgué/);
    if (js) await shot(page, 'case-fr');
    assert.deepEqual(page.problems, []);
  });
  await check(`XSS in a title shows as text (${mode})`, () => xssIsText(reader, id));
  await check(`withheld name on no public page (${mode})`, () => noWithheldNameOnPublicPages(reader, id));
  for (const c of [partner, editor, state, reader]) await c.close();
  return id;
}

let server;
let base;
const data = mkdtempSync(join(tmpdir(), 'soj-browser-'));
try {
  const tokens = {
    partner: token(data, '--role', 'partner', '--partner', 'efj'),
    editor: token(data, '--role', 'editor'),
    state: token(data, '--role', 'state', '--country', 'BY'),
  };
  server = await startServer(data);
  base = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const bare = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });

  let caseId;
  await check('every page loads without console errors', async () => {
    const page = await newPage(context);
    await visit(page, '/alerts');
    caseId = (await page.getAttribute('.alert-list a', 'href')).split('/').pop();
    for (const [name, path] of [['home', '/'], ['alerts', '/alerts'], ['case', `/alerts/${caseId}`],
                                ['stats', '/stats'], ['signin', '/signin']]) {
      await visit(page, path);
      await page.waitForLoadState('networkidle');
      await shot(page, name);
    }
    assert.deepEqual(page.problems, []);
  });
  await check('the map renders and a country links to its alerts', async () => {
    const page = await newPage(context);
    await visit(page, '/');
    await page.waitForSelector('.map svg a[data-country=BY]');
    if (shots) await page.locator('.map').screenshot({ path: join(shots, 'map.png') });
    assert.ok((await page.locator('.map svg path').count()) > 30);
    assert.ok((await page.locator('.chart canvas').count()) >= 1);
    await page.locator('.map svg a[data-country=FR] path').click();
    await page.waitForURL('**/alerts?country=FR');
    assert.match(await page.textContent('#result-count'), /\d/);
    assert.deepEqual(page.problems, []);
  });
  await check('the stats chart renders', async () => {
    const page = await newPage(context);
    await visit(page, '/stats');
    await page.waitForSelector('.chart.drawn canvas');
    assert.deepEqual(page.problems, []);
  });
  for (const [ctx, mode] of [[context, 'with JavaScript'], [bare, 'without JavaScript']]) {
    await check(`filters narrow the list (${mode})`, async () => {
      const page = await newPage(ctx);
      await visit(page, '/alerts');
      const count = async () => Number((await page.textContent('#result-count')).replace(/\D/g, ''));
      const all = await count();
      await page.selectOption('#f-country', 'BY');
      await page.selectOption('#f-level', '1');
      await Promise.all([page.waitForURL('**/alerts?*country=BY*'), page.click('form.filters button')]);
      const some = await count();
      assert.ok(some < all, `${some} < ${all}`);
      if (await page.locator('.pagination a[rel=next]').count()) {
        await page.click('.pagination a[rel=next]');
        await page.waitForURL('**cursor=*');
      }
      await visit(page, '/alerts?q=minsk');
      assert.ok(await page.locator('#result-count').count() === 1);
      if (ctx === bare) await shot(page, 'alerts-nojs');
      assert.deepEqual(page.problems, []);
    });
  }
  await check('every page loads without JavaScript', async () => {
    const page = await newPage(bare);
    for (const path of ['/', '/alerts', `/alerts/${caseId}`, '/stats', '/signin']) {
      await visit(page, path);
      assert.ok((await page.locator('main h1').count()) === 1, path);
    }
    assert.equal(await page.locator('.map svg').count(), 0);
    assert.deepEqual(page.problems, []);
  });
  await flow(browser, tokens, true);
  await flow(browser, tokens, false);
  await browser.close();
} catch (e) {
  failures++;
  console.log(`not ok - setup: ${e.stack || e}`);
} finally {
  if (server) server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(data, { recursive: true, force: true });
}
console.log(failures ? `${failures} failed` : 'all passed');
process.exit(failures ? 1 : 0);
