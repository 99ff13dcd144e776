// Issue 11: a link copied from TF Playground opens in the page "as in TF Playground" (tfMode,
// core/link_settings.h) without the reader doing anything: the box is ticked, the points the
// page draws are TF's (seedrandom, TF's generator and shuffle), and N epochs in the page give,
// bit for bit, the losses of `nnplay train --link` and of the JS API's fromLink for the same
// link, which follow TF's own engine (bench/playground_data.mjs) to float32 precision.
// Unticking the box goes back to nnplay's data and order. On main before tfMode, the page drew
// other points and trained other losses for such a link.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { ROOT, startServer, launch, openPage, waitReady, shot } from './harness.mjs';
import { createNNPlay } from '../../web/lib/nnplay.mjs';
import { fmtLoss } from '../../web/app/format.js';
import { epochOf, stepEpochs } from './page-steps.mjs';
import * as tfdata from '../../bench/playground_data.mjs';

const cli = process.env.NNPLAY_CLI || path.join(ROOT, process.env.NATIVE_BUILD || 'build/native', 'nnplay');
if (!existsSync(cli)) throw new Error(`tf link: native CLI not found at ${cli}; build it with 'bash scripts/build.sh native'`);
const N = 8;
// As TF Playground writes it (its state.ts serialize order), with a partial batch to carry.
const TF_LINK = '#activation=tanh&batchSize=30&dataset=spiral&regDataset=reg-plane&learningRate=0.03' +
  '&regularizationRate=0&noise=20&networkShape=6,4&seed=0.36512&showTestData=false&discretize=false' +
  '&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=true' +
  '&cosY=false&sinY=true&collectStats=false&problem=classification&initZero=false&hideText=false';

const server = await startServer();
const browser = await launch();
const nn = await createNNPlay();
after(async () => { await browser.close(); server.stop(); });


test(`a TF Playground link: the page opens it as in TF Playground; ${N} epochs = CLI = API, and follow TF's engine`, async () => {
  const { page, problems } = await openPage(browser.context, server.url + TF_LINK);
  await waitReady(page);
  const box = page.locator('#tfMode');
  assert.equal(await box.isVisible(), true);
  assert.equal(await box.isChecked(), true, 'the box "As in TF Playground" is ticked by the link itself');
  assert.match(await page.evaluate(() => location.hash), /&tfMode=true/);
  await page.waitForFunction(() => window.nnplayDebug().points && window.nnplayDebug().points.x1.length === 500);
  const pts = await page.evaluate(() => { const p = window.nnplayDebug().points; return { x1: [...p.x1], x2: [...p.x2] }; });

  // TF's start-up for the same link, in TF's engine, with seedrandom
  const { settings } = nn.parseLink(TF_LINK);
  const s = { ...settings, features: tfdata.featureKeys.filter((k) => settings[k]), regularization: null };
  const ref = tfdata.startUp(s, seedrandom(settings.seed));
  const tfPoints = [...ref.train.points, ...ref.test.points];
  tfPoints.forEach((p, i) => {
    assert.equal(pts.x1[i], Math.fround(p.x), `point ${i} x`);
    assert.equal(pts.x2[i], Math.fround(p.y), `point ${i} y`);
  });
  const tfLosses = Array.from({ length: N }, () => tfdata.oneStep(ref.net, ref.train, ref.test, s));

  const { losses: pageLosses, shownTrain, hash } = await stepEpochs(page, N);
  assert.equal(await epochOf(page), N);
  await shot(page, 'tf-link');

  // the CLI with the link as copied from TF, and with the page's own hash; the API
  const asCopied = JSON.parse(execFileSync(cli, ['train', '--link', TF_LINK, '--epochs', String(N), '--json'], { encoding: 'utf8' }));
  const asPage = JSON.parse(execFileSync(cli, ['train', '--link', hash, '--epochs', String(N), '--json'], { encoding: 'utf8' }));
  const { data, net, train, errors } = nn.fromLink(TF_LINK);
  assert.deepEqual(errors, []);
  const api = net.trainEpochs(data, { ...train, epochs: N });
  net.delete();
  data.delete();
  let worst = 0;
  for (let e = 0; e < N; e++) {
    const n = asCopied.epochs[e];
    for (const k of ['train', 'test']) {
      assert.equal(pageLosses[k][e], n[`${k}_loss`], `epoch ${e + 1} ${k} loss: page ${pageLosses[k][e]}, CLI ${n[`${k}_loss`]}`);
      assert.equal(asPage.epochs[e][`${k}_loss`], n[`${k}_loss`], `epoch ${e + 1} ${k}: the page's hash replays the copied link`);
      assert.equal(api[e][k].loss, n[`${k}_loss`], `epoch ${e + 1} ${k} loss (API)`);
      worst = Math.max(worst, Math.abs(n[`${k}_loss`] - tfLosses[e][k]) / tfLosses[e][k]);
    }
  }
  console.log(`# page vs TF engine over ${N} epochs: worst relative loss difference ${worst.toExponential(2)}`);
  assert.ok(worst < 1e-4, `page vs TF's engine: ${worst}`);
  assert.equal(shownTrain, fmtLoss(asCopied.epochs[N - 1].train_loss));

  // unticked: nnplay's own data (other points), and the link says so
  await box.uncheck();
  await page.waitForFunction(() => /&tfMode=false/.test(location.hash));
  await page.waitForFunction((x0) => window.nnplayDebug().points && window.nnplayDebug().points.x1[0] !== x0, pts.x1[0]);
  assert.equal(await box.isChecked(), false);

  // a data set TF Playground does not have: the box is not offered (the core refuses tfMode
  // there); back on TF's data it is
  await page.locator('#dataset').selectOption('blobs');
  await page.waitForFunction(() => /dataset=blobs/.test(location.hash));
  assert.equal(await box.isVisible(), false, 'no "As in TF Playground" box for blobs');
  await page.locator('#dataset').selectOption('spiral');
  await page.waitForFunction(() => /dataset=spiral/.test(location.hash));
  assert.equal(await box.isVisible(), true, 'the box is back for spiral');
  assert.deepEqual(problems, []);
  await page.close();
});
